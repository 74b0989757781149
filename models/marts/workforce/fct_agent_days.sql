with

agent_days as (
    select * from {{ ref('int_agent_days_measured') }}
),

final as (
    select
        agent_id,
        work_date,
        team_id,
        has_state_time,
        has_paid_schedule,
        handling_seconds,
        ready_seconds,
        break_seconds,
        paid_scheduled_seconds,
        answered_inbound_legs,
        worked_shifts,
        worked_inbound_phone_shifts
    from agent_days
)

select * from final
