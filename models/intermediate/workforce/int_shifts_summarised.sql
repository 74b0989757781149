-- Scheduled shifts with the time the agent was available in them: a shift is worked when the agent was signed in
-- and available during any of its scheduled activities. Only shifts with open work on an inbound call queue count
-- as phone shifts, so chat, e-mail and outbound campaign shifts, which answer no inbound calls, do not dilute calls
-- per shift.
with

schedule_activities as (
    select * from {{ ref('int_schedule_activities_split') }}
),

queues as (
    select * from {{ ref('int_queues_enriched') }}
),

shifts as (
    select
        schedule_activities.shift_id,
        schedule_activities.agent_id,
        schedule_activities.team_id,
        {{ local_date('min(schedule_activities.piece_started_at)') }} as shift_date,
        sum(schedule_activities.scheduled_seconds) as scheduled_seconds,
        sum(schedule_activities.available_seconds) as available_seconds,
        max(case
            when schedule_activities.activity = 'open_work' and queues.has_inbound_calls then 1 else 0
        end) as inbound_phone_work_flag
    from schedule_activities
    left join queues
        on schedule_activities.queue_id = queues.queue_id
    group by schedule_activities.shift_id, schedule_activities.agent_id, schedule_activities.team_id
),

final as (
    select
        shift_id,
        agent_id,
        team_id,
        shift_date,
        scheduled_seconds,
        available_seconds,
        inbound_phone_work_flag = 1 as has_inbound_phone_work,
        available_seconds > 0 as is_worked,
        available_seconds > 0 and inbound_phone_work_flag = 1 as is_worked_inbound_phone_shift
    from shifts
)

select * from final
