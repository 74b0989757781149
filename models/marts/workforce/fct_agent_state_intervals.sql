with

agent_states as (
    select * from {{ ref('stg_telephony__agent_states') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

final as (
    select
        agent_states.state_event_id,
        agent_states.agent_id,
        employees.team_id,
        agent_states.state,
        {{ is_handling_state('agent_states.state') }} as is_handling_state,
        {{ is_available_state('agent_states.state') }} as is_available_state,
        agent_states.started_at,
        agent_states.ended_at,
        {{ local_date('agent_states.started_at') }} as state_date,
        {{ dbt.datediff(
            'agent_states.started_at',
            'agent_states.ended_at',
            'second',
        ) }} as duration_seconds
    from agent_states
    left join employees
        on agent_states.agent_id = employees.employee_id
)

select * from final
