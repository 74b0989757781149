{#- Tenure is measured at the HR extract's date (latest extracted_at), not at run time, so a rebuild of the same
    extract gives the same bands. -#}
with

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

teams as (
    select * from {{ ref('stg_hr__teams') }}
),

extract_date as (
    select {{ local_date('max(extracted_at)') }} as as_of_date
    from employees
),

tenured as (
    select
        employees.employee_id,
        employees.role,
        employees.role = 'agent' as is_agent,
        employees.team_id,
        teams.team_name,
        employees.site,
        employees.hired_date,
        employees.terminated_date,
        employees.termination_reason,
        extract_date.as_of_date,
        employees.hired_date <= extract_date.as_of_date
        and (employees.terminated_date is null or employees.terminated_date >= extract_date.as_of_date)
            as is_active,
        case
            when employees.hired_date <= extract_date.as_of_date
                then {{ dbt.datediff(
                    'employees.hired_date',
                    'coalesce(least(employees.terminated_date, extract_date.as_of_date), extract_date.as_of_date)',
                    'day',
                ) }}
        end as tenure_days
    from employees
    cross join extract_date
    left join teams
        on employees.team_id = teams.team_id
),

final as (
    select
        *,
        case
            when tenure_days < {{ var('new_agent_tenure_days') }} then 'new'
            when tenure_days is not null then 'experienced'
        end as tenure_band
    from tenured
)

select * from final
