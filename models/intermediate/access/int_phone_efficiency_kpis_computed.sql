-- Phone handling KPIs as components over answered inbound legs, dated by answer time (docs/kpi_inputs.yml;
-- computations in _access__models.yml).
{%- set leg_slices = kpi_slices(['queue', 'skill', 'priority', 'agent', 'team']) %}
{%- set categorised_leg_slices = kpi_slices(['queue', 'skill', 'priority', 'agent', 'team', 'inquiry_category']) %}
with

call_legs as (
    select * from {{ ref('int_call_legs_classified') }}
),

schedule_activities as (
    select * from {{ ref('int_schedule_activities_split') }}
),

queues as (
    select * from {{ ref('int_queues_enriched') }}
),

answered_legs as (
    select * from call_legs
    where is_answered_inbound
),

answered_legs_per_agent_day as (
    select
        answered_date as activity_date,
        agent_id,
        team_id,
        count(*) as answered_legs
    from answered_legs
    where agent_id is not null
    group by answered_date, agent_id, team_id
),

-- a shift is worked when the agent was signed in and available during any of its scheduled activities; only
-- shifts with open work on an inbound call queue count, so chat, e-mail and outbound campaign shifts, which answer
-- no inbound calls, do not dilute calls per shift
shifts as (
    select
        schedule_activities.shift_id,
        schedule_activities.agent_id,
        schedule_activities.team_id,
        {{ local_date('min(schedule_activities.piece_started_at)') }} as shift_date,
        sum(schedule_activities.available_seconds) as available_seconds,
        max(case
            when schedule_activities.activity = 'open_work' and queues.has_inbound_calls then 1 else 0
        end) as has_inbound_phone_work
    from schedule_activities
    left join queues
        on schedule_activities.queue_id = queues.queue_id
    group by schedule_activities.shift_id, schedule_activities.agent_id, schedule_activities.team_id
),

shifts_worked_per_agent_day as (
    select
        shift_date as activity_date,
        agent_id,
        team_id,
        count(*) as shifts_worked
    from shifts
    where available_seconds > 0 and has_inbound_phone_work = 1
    group by shift_date, agent_id, team_id
),

agent_days as (
    select
        coalesce(answered_legs_per_agent_day.activity_date, shifts_worked_per_agent_day.activity_date)
            as activity_date,
        coalesce(answered_legs_per_agent_day.agent_id, shifts_worked_per_agent_day.agent_id) as agent_id,
        coalesce(answered_legs_per_agent_day.team_id, shifts_worked_per_agent_day.team_id) as team_id,
        coalesce(answered_legs_per_agent_day.answered_legs, 0) as answered_legs,
        coalesce(shifts_worked_per_agent_day.shifts_worked, 0) as shifts_worked
    from answered_legs_per_agent_day
    full outer join shifts_worked_per_agent_day
        on
            answered_legs_per_agent_day.activity_date = shifts_worked_per_agent_day.activity_date
            and answered_legs_per_agent_day.agent_id = shifts_worked_per_agent_day.agent_id
),

final as (
    {{ kpi_components(
        'answered_legs', 'phone_first_response_time', 'answered_date',
        numerator='sum(first_response_seconds)',
        denominator='count(*)',
        dimensions=leg_slices,
        where='first_agent_utterance_at is not null',
    ) }}
    union all
    {{ kpi_components(
        'answered_legs', 'answered_within_three_rings_rate', 'answered_date',
        numerator='sum(case when is_answered_within_rings then 1 else 0 end)',
        denominator='count(*)',
        dimensions=leg_slices,
        where='is_rung',
    ) }}
    union all
    {{ kpi_components(
        'answered_legs', 'average_handle_time', 'answered_date',
        numerator='sum(handle_seconds)',
        denominator='count(*)',
        dimensions=categorised_leg_slices,
    ) }}
    union all
    {{ kpi_components(
        'answered_legs', 'average_talk_time', 'answered_date',
        numerator='sum(talk_seconds)',
        denominator='count(*)',
        dimensions=leg_slices,
    ) }}
    union all
    {{ kpi_components(
        'answered_legs', 'average_after_call_work', 'answered_date',
        numerator='sum(coalesce(after_call_work_seconds, 0))',
        denominator='count(*)',
        dimensions=leg_slices,
    ) }}
    union all
    {{ kpi_components(
        'answered_legs', 'transfer_rate', 'answered_date',
        numerator='count(distinct case when is_transferred then call_id end)',
        denominator='count(distinct call_id)',
        dimensions=leg_slices,
    ) }}
    union all
    {{ kpi_components(
        'agent_days', 'calls_per_agent_shift', 'activity_date',
        numerator='sum(answered_legs)',
        denominator='sum(shifts_worked)',
        dimensions={'agent': 'agent_id', 'team': 'team_id'},
    ) }}
)

select * from final
