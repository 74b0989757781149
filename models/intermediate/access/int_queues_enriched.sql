-- Queue grain: ACD queue attributes plus the staffing interval length WFM plans the queue in.
with

queues as (
    select * from {{ ref('stg_telephony__queues') }}
),

interval_forecasts as (
    select * from {{ ref('stg_wfm__interval_forecasts') }}
),

latest_forecast as (
    select
        queue_id,
        interval_minutes,
        row_number() over (partition by queue_id order by interval_start_at desc) as recency_rank
    from interval_forecasts
),

final as (
    select
        queues.queue_id,
        queues.queue_name,
        queues.channel,
        queues.skill,
        queues.site,
        latest_forecast.queue_id is not null as is_forecast,
        -- one interval length per queue: the latest forecast's, else the default planning interval
        coalesce(latest_forecast.interval_minutes, {{ var('staffing_interval_minutes', 30) }}) as interval_minutes
    from queues
    left join latest_forecast
        on
            queues.queue_id = latest_forecast.queue_id
            and latest_forecast.recency_rank = 1
)

select * from final
