-- Queue grain: ACD queue attributes plus the staffing interval length WFM plans the queue in.
with

queues as (
    select * from {{ ref('stg_telephony__queues') }}
),

interval_forecasts as (
    select * from {{ ref('stg_wfm__interval_forecasts') }}
),

interval_arrivals as (
    select * from {{ ref('stg_telephony__interval_arrivals') }}
),

call_legs as (
    select * from {{ ref('int_call_legs_classified') }}
),

inbound_call_queues as (
    select distinct queue_id
    from call_legs
    where is_queued
),

latest_forecast as (
    select
        queue_id,
        interval_minutes,
        row_number() over (partition by queue_id order by interval_start_at desc) as recency_rank
    from interval_forecasts
),

latest_arrivals_report as (
    select
        queue_id,
        interval_minutes,
        row_number() over (partition by queue_id order by interval_start_at desc) as recency_rank
    from interval_arrivals
),

final as (
    select
        queues.queue_id,
        queues.queue_name,
        queues.channel,
        queues.skill,
        queues.priority,
        queues.site,
        latest_forecast.queue_id is not null as is_forecast,
        -- inbound calls queue here (outbound campaign queues are phone queues too, but take no inbound calls)
        inbound_call_queues.queue_id is not null as has_inbound_calls,
        -- one interval length per queue: the latest forecast's, else the latest ACD interval report's, else the
        -- default planning interval
        coalesce(
            latest_forecast.interval_minutes,
            latest_arrivals_report.interval_minutes,
            {{ var('staffing_interval_minutes') }}
        ) as interval_minutes
    from queues
    left join latest_forecast
        on
            queues.queue_id = latest_forecast.queue_id
            and latest_forecast.recency_rank = 1
    left join latest_arrivals_report
        on
            queues.queue_id = latest_arrivals_report.queue_id
            and latest_arrivals_report.recency_rank = 1
    left join inbound_call_queues
        on queues.queue_id = inbound_call_queues.queue_id
)

select * from final
