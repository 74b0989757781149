-- Scheduled activities cut at the staffing interval boundaries of their queue, with the time the agent was
-- actually available (definition available_state) inside each piece: the base of schedule adherence, staff
-- utilisation, shifts worked and the interval staffing mart.
with

schedules as (
    select * from {{ ref('stg_wfm__schedules') }}
),

queues as (
    select * from {{ ref('int_queues_enriched') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

agent_states as (
    select * from {{ ref('stg_telephony__agent_states') }}
),

-- an activity is at most a day long, i.e. at most 24 * 60 intervals of one minute
slot_numbers as (
    {{ dbt.generate_series(24 * 60) }}
),

activities as (
    select
        schedules.schedule_activity_id,
        schedules.shift_id,
        schedules.agent_id,
        schedules.activity,
        schedules.queue_id,
        schedules.started_at,
        schedules.ended_at,
        coalesce(queues.interval_minutes, {{ var('staffing_interval_minutes') }}) as interval_minutes
    from schedules
    left join queues
        on schedules.queue_id = queues.queue_id
),

aligned as (
    select
        *,
        {{ interval_start('started_at', 'interval_minutes') }} as first_interval_start_at
    from activities
),

pieces as (
    select
        aligned.*,
        {{ dbt.dateadd(
            'minute',
            '(slot_numbers.generated_number - 1) * aligned.interval_minutes',
            'aligned.first_interval_start_at'
        ) }} as interval_start_at
    from aligned
    inner join slot_numbers
        on
            (slot_numbers.generated_number - 1) * aligned.interval_minutes * 60
            < {{ dbt.datediff('aligned.first_interval_start_at', 'aligned.ended_at', 'second') }}
),

bounded as (
    select
        *,
        greatest(started_at, interval_start_at) as piece_started_at,
        least(ended_at, {{ dbt.dateadd('minute', 'interval_minutes', 'interval_start_at') }}) as piece_ended_at
    from pieces
),

available_time as (
    select
        bounded.schedule_activity_id,
        bounded.interval_start_at,
        sum({{ overlap_seconds(
            'bounded.piece_started_at', 'bounded.piece_ended_at', 'agent_states.started_at', 'agent_states.ended_at'
        ) }}) as available_seconds
    from bounded
    inner join agent_states
        on
            bounded.agent_id = agent_states.agent_id
            and bounded.piece_ended_at > agent_states.started_at
            and bounded.piece_started_at < agent_states.ended_at
            and {{ is_available_state('agent_states.state') }}
    group by bounded.schedule_activity_id, bounded.interval_start_at
),

final as (
    select
        bounded.schedule_activity_id,
        bounded.interval_start_at,
        {{ local_date('bounded.interval_start_at') }} as interval_date,
        bounded.interval_minutes,
        bounded.shift_id,
        bounded.agent_id,
        employees.team_id,
        bounded.activity,
        -- paid work time (staff_utilization): breaks, lunch and training are not work
        bounded.activity in ('open_work', 'meeting', 'coaching') as is_paid_work,
        bounded.queue_id,
        bounded.piece_started_at,
        bounded.piece_ended_at,
        {{ dbt.datediff(
            'bounded.piece_started_at',
            'bounded.piece_ended_at',
            'second',
        ) }} as scheduled_seconds,
        -- overlapping state rows (a faulty state log) cannot make an agent more than present
        least(
            coalesce(available_time.available_seconds, 0),
            {{ dbt.datediff('bounded.piece_started_at', 'bounded.piece_ended_at', 'second') }}
        ) as available_seconds
    from bounded
    left join available_time
        on
            bounded.schedule_activity_id = available_time.schedule_activity_id
            and bounded.interval_start_at = available_time.interval_start_at
    left join employees
        on bounded.agent_id = employees.employee_id
)

select * from final
