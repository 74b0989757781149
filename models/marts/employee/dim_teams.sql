with

teams as (
    select * from {{ ref('stg_hr__teams') }}
),

employees as (
    select * from {{ ref('int_employees_enriched') }}
),

active_members as (
    select
        team_id,
        sum(case when is_agent then 1 else 0 end) as active_agents,
        count(*) as active_employees
    from employees
    where is_active and team_id is not null
    group by 1
),

final as (
    select
        teams.team_id,
        teams.team_name,
        teams.supervisor_employee_id,
        teams.site,
        coalesce(active_members.active_agents, 0) as active_agents,
        coalesce(active_members.active_employees, 0) as active_employees
    from teams
    left join active_members
        on teams.team_id = active_members.team_id
)

select * from final
