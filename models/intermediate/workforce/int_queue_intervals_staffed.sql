-- Queue x staffing interval: forecast against actual volume and AHT, Erlang C agents required for the queue's
-- service goal, agents scheduled and agents actually on duty (definition agents_on_duty), service level achieved.
-- Intervals are those with a forecast, an ACD interval report, queued contacts or scheduled open work on the queue.
-- Actual volume is the ACD interval report's arrivals where the queue-interval has one, else the queued legs
-- counted here; answered, abandoned, handle time and the service level achieved always come from the legs.
with

queues as (
    select * from {{ ref('int_queues_enriched') }}
),

interval_forecasts as (
    select * from {{ ref('stg_wfm__interval_forecasts') }}
),

interval_arrivals as (
    select * from {{ ref('stg_telephony__interval_arrivals') }}
),

service_goals as (
    select * from {{ ref('stg_wfm__service_goals') }}
),

call_legs as (
    select * from {{ ref('int_call_legs_classified') }}
),

chat_sessions as (
    select * from {{ ref('stg_chat__chat_sessions') }}
),

schedule_activities as (
    select * from {{ ref('int_schedule_activities_split') }}
),

forecasts as (
    select
        interval_forecasts.queue_id,
        interval_forecasts.interval_start_at,
        interval_forecasts.interval_minutes,
        interval_forecasts.forecast_contacts,
        interval_forecasts.forecast_aht_seconds,
        queues.channel
    from interval_forecasts
    inner join queues
        on interval_forecasts.queue_id = queues.queue_id
),

-- the queue's goal valid on the interval's local day, else the default 80/20 of the vars
forecast_loads as (
    select
        forecasts.queue_id,
        forecasts.interval_start_at,
        forecasts.channel,
        forecasts.interval_minutes,
        forecasts.forecast_contacts,
        forecasts.forecast_aht_seconds,
        forecasts.forecast_contacts * forecasts.forecast_aht_seconds / (forecasts.interval_minutes * 60.0)
            as traffic_erlangs,
        forecasts.forecast_aht_seconds as aht_seconds,
        coalesce(service_goals.answer_within_seconds, {{ var('service_level_answer_seconds') }})
            as answer_within_seconds,
        coalesce(service_goals.service_level_target, {{ var('service_level_target') }}) as service_level_target
    from forecasts
    left join service_goals
        on
            forecasts.queue_id = service_goals.queue_id
            and {{ local_date('forecasts.interval_start_at') }} >= service_goals.valid_from_date
            and (
                service_goals.valid_to_date is null
                or {{ local_date('forecasts.interval_start_at') }} <= service_goals.valid_to_date
            )
),

-- Erlang C models a voice queue; chat agents work several sessions at once, so chat intervals get no requirement
phone_loads as (
    select * from forecast_loads
    where channel = 'phone'
),

erlang_requirements as (
    {{ erlang_c_required_agents('phone_loads', ['queue_id', 'interval_start_at']) }}
),

queued_legs as (
    select
        call_legs.*,
        {{ interval_start('call_legs.queue_entered_at', 'queues.interval_minutes') }} as interval_start_at
    from call_legs
    inner join queues
        on call_legs.queue_id = queues.queue_id
    where call_legs.is_queued
),

phone_actuals as (
    select
        queue_id,
        interval_start_at,
        count(*) as actual_contacts,
        sum(case when is_answered then 1 else 0 end) as answered_contacts,
        sum(case when is_answered_within_service_level then 1 else 0 end) as answered_within_goal_contacts,
        sum(case when is_lost_abandon then 1 else 0 end) as abandoned_contacts,
        sum(case when is_answered then handle_seconds end) as handle_seconds,
        -- answered legs whose handle time is known (a blank after-call-work end leaves it unknown)
        count(case when is_answered then handle_seconds end) as timed_answered_contacts
    from queued_legs
    group by queue_id, interval_start_at
),

-- chat queues: a session is offered to the queue when it reaches a human (handed off from the bot, or started)
chat_offers as (
    select
        chat_sessions.queue_id,
        {{ interval_start(
            'coalesce(chat_sessions.handed_off_at, chat_sessions.started_at)',
            'queues.interval_minutes',
        ) }} as interval_start_at
    from chat_sessions
    inner join queues
        on chat_sessions.queue_id = queues.queue_id
    where not coalesce(chat_sessions.is_test, false)
),

chat_actuals as (
    select
        queue_id,
        interval_start_at,
        count(*) as actual_contacts
    from chat_offers
    group by queue_id, interval_start_at
),

actuals as (
    select
        queue_id,
        interval_start_at,
        actual_contacts,
        answered_contacts,
        answered_within_goal_contacts,
        abandoned_contacts,
        handle_seconds,
        timed_answered_contacts
    from phone_actuals
    union all
    select
        queue_id,
        interval_start_at,
        actual_contacts,
        null as answered_contacts,
        null as answered_within_goal_contacts,
        null as abandoned_contacts,
        null as handle_seconds,
        null as timed_answered_contacts
    from chat_actuals
),

scheduled as (
    select
        queue_id,
        interval_start_at,
        sum(scheduled_seconds) as scheduled_seconds,
        sum(available_seconds) as on_duty_seconds
    from schedule_activities
    where activity = 'open_work' and queue_id is not null
    group by queue_id, interval_start_at
),

spine as (
    select
        queue_id,
        interval_start_at
    from interval_forecasts
    union
    select
        queue_id,
        interval_start_at
    from actuals
    union
    select
        queue_id,
        interval_start_at
    from interval_arrivals
    union
    select
        queue_id,
        interval_start_at
    from scheduled
),

joined as (
    select
        spine.queue_id,
        spine.interval_start_at,
        queues.channel,
        queues.is_forecast as is_queue_forecast,
        coalesce(forecast_loads.interval_minutes, queues.interval_minutes) as interval_minutes,
        forecast_loads.queue_id is not null as has_forecast,
        forecast_loads.forecast_contacts,
        forecast_loads.forecast_aht_seconds,
        forecast_loads.traffic_erlangs as forecast_traffic_erlangs,
        forecast_loads.answer_within_seconds,
        forecast_loads.service_level_target,
        erlang_requirements.required_agents as erlang_required_agents,
        erlang_requirements.service_level as forecast_service_level,
        erlang_requirements.average_speed_of_answer_seconds as forecast_average_speed_of_answer_seconds,
        -- the ACD's interval report is the system of record for volume; legs counted here fill the rest
        coalesce(interval_arrivals.arrived_contacts, actuals.actual_contacts, 0) as actual_contacts,
        case
            when interval_arrivals.queue_id is not null then 'interval_arrivals' else 'call_legs'
        end as actual_contacts_source,
        coalesce(actuals.actual_contacts, 0) as queued_contacts,
        actuals.answered_contacts,
        actuals.answered_within_goal_contacts,
        actuals.abandoned_contacts,
        actuals.handle_seconds,
        actuals.timed_answered_contacts,
        coalesce(scheduled.scheduled_seconds, 0) as scheduled_seconds,
        coalesce(scheduled.on_duty_seconds, 0) as on_duty_seconds
    from spine
    inner join queues
        on spine.queue_id = queues.queue_id
    left join forecast_loads
        on
            spine.queue_id = forecast_loads.queue_id
            and spine.interval_start_at = forecast_loads.interval_start_at
    left join erlang_requirements
        on
            spine.queue_id = erlang_requirements.queue_id
            and spine.interval_start_at = erlang_requirements.interval_start_at
    left join actuals
        on
            spine.queue_id = actuals.queue_id
            and spine.interval_start_at = actuals.interval_start_at
    left join scheduled
        on
            spine.queue_id = scheduled.queue_id
            and spine.interval_start_at = scheduled.interval_start_at
    left join interval_arrivals
        on
            spine.queue_id = interval_arrivals.queue_id
            and spine.interval_start_at = interval_arrivals.interval_start_at
),

final as (
    select
        queue_id,
        interval_start_at,
        {{ dbt.dateadd('minute', 'interval_minutes', 'interval_start_at') }} as interval_end_at,
        {{ local_date('interval_start_at') }} as interval_date,
        interval_minutes,
        interval_minutes * 60 as interval_seconds,
        channel,
        is_queue_forecast,
        has_forecast,
        forecast_contacts,
        forecast_aht_seconds,
        forecast_traffic_erlangs,
        answer_within_seconds,
        service_level_target,
        -- no forecast traffic needs no agents; a goal out of reach within erlang_max_agents stays null
        case
            when not has_forecast or channel <> 'phone' then null
            when forecast_traffic_erlangs = 0 then 0
            else erlang_required_agents
        end as required_agents,
        has_forecast and channel = 'phone' and forecast_traffic_erlangs > 0 and erlang_required_agents is null
            as is_required_agents_beyond_bound,
        forecast_service_level,
        forecast_average_speed_of_answer_seconds,
        actual_contacts,
        actual_contacts_source,
        queued_contacts,
        answered_contacts,
        answered_within_goal_contacts,
        abandoned_contacts,
        handle_seconds as actual_handle_seconds,
        handle_seconds / nullif(timed_answered_contacts, 0) as actual_aht_seconds,
        cast(answered_within_goal_contacts as {{ dbt.type_float() }}) / nullif(queued_contacts, 0)
            as service_level_achieved,
        -- |actual - forecast| / forecast per interval, so over- and under-forecasts do not cancel
        abs(actual_contacts - forecast_contacts) / nullif(forecast_contacts, 0) as forecast_absolute_percentage_error,
        scheduled_seconds,
        on_duty_seconds,
        scheduled_seconds / (interval_minutes * 60.0) as agents_scheduled,
        on_duty_seconds / (interval_minutes * 60.0) as agents_on_duty
    from joined
)

select * from final
