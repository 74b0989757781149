with

base as (
    select * from {{ ref('base_hr__training_sessions') }}
),

final as (
    select
        training_session_id,
        extracted_at,
        title,
        planned_date,
        delivered_date,
        planned_hours,
        has_materials,
        has_sign_in_sheet
    from base
    where row_status = 'staged'
)

select * from final
