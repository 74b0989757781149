-- Audit: service_level per month at centre level, recomputed straight from staging (no intermediate model), so a
-- test can compare it with fct_kpi_values. The centre counts calls: queued calls (an inbound, non-test leg entered
-- a queue) whose first answer by an agent came within the service-goal seconds of their first queue entry (the goal
-- of the first queue visited, else var service_level_answer_seconds) / queued calls, abandoned ones included,
-- dated by the local day of the first queue entry.
with

call_legs as (
    select * from {{ ref('stg_telephony__call_legs') }}
),

service_goals as (
    select * from {{ ref('stg_wfm__service_goals') }}
),

inbound_legs as (
    select * from call_legs
    where
        direction = 'inbound'
        and not coalesce(is_test, false)
),

queue_visits as (
    select
        inbound_legs.call_id,
        inbound_legs.queue_entered_at,
        coalesce(service_goals.answer_within_seconds, {{ var('service_level_answer_seconds') }}) as threshold_seconds,
        row_number() over (
            partition by inbound_legs.call_id order by inbound_legs.queue_entered_at, inbound_legs.leg_number
        ) as visit_number
    from inbound_legs
    left join service_goals
        on
            inbound_legs.queue_id = service_goals.queue_id
            and {{ local_date('coalesce(inbound_legs.ivr_entered_at, inbound_legs.queue_entered_at)') }}
            between service_goals.valid_from_date and coalesce(service_goals.valid_to_date, '9999-12-31')
    where inbound_legs.queue_entered_at is not null
),

first_answers as (
    select
        call_id,
        min(answered_at) as first_answered_at
    from inbound_legs
    group by call_id
),

queued_calls as (
    select
        queue_visits.queue_entered_at as first_queue_entered_at,
        {{ period_start('month', local_date('queue_visits.queue_entered_at')) }} as month_start_date,
        queue_visits.threshold_seconds,
        first_answers.first_answered_at
    from queue_visits
    inner join first_answers
        on queue_visits.call_id = first_answers.call_id
    where queue_visits.visit_number = 1
),

final as (
    select
        'service_level' as metric_id,
        month_start_date,
        sum(
            case
                when
                    first_answered_at is not null
                    and {{ dbt.datediff('first_queue_entered_at', 'first_answered_at', 'second') }}
                    <= threshold_seconds
                    then 1
                else 0
            end
        ) as numerator,
        count(*) as denominator
    from queued_calls
    group by month_start_date
)

select * from final
