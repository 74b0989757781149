with

base as (
    select * from {{ ref('base_hr__teams') }}
),

final as (
    select
        team_id,
        extracted_at,
        team_name,
        supervisor_employee_id,
        site
    from base
    where row_status = 'staged'
)

select * from final
