with

base as (
    select * from {{ ref('base_hr__employees') }}
),

final as (
    select
        employee_id,
        extracted_at,
        full_name_hash,
        email_hash,
        team_id,
        role,
        site,
        hired_date,
        terminated_date,
        termination_reason
    from base
    where row_status = 'staged'
)

select * from final
