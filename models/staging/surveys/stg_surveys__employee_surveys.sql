with

base as (
    select * from {{ ref('base_surveys__employee_surveys') }}
),

final as (
    select
        response_id,
        extracted_at,
        employee_id,
        answered_at,
        satisfaction_score
    from base
    where row_status = 'staged'
)

select * from final
