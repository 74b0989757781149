with

employees as (
    select * from {{ ref('int_employees_enriched') }}
),

final as (
    select
        employee_id,
        role,
        is_agent,
        team_id,
        team_name,
        site,
        hired_date,
        terminated_date,
        termination_reason,
        is_active,
        tenure_days,
        tenure_band,
        as_of_date
    from employees
)

select * from final
