with

base as (
    select * from {{ ref('base_hr__promotions') }}
),

final as (
    select
        promotion_id,
        extracted_at,
        position_title,
        filled_date,
        filled_by_employee_id,
        is_internal
    from base
    where row_status = 'staged'
)

select * from final
