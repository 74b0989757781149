with

queues as (
    select * from {{ ref('int_queues_enriched') }}
),

service_goals as (
    select * from {{ ref('stg_wfm__service_goals') }}
),

latest_goal as (
    select
        queue_id,
        answer_within_seconds,
        service_level_target,
        row_number() over (partition by queue_id order by valid_from_date desc) as recency_rank
    from service_goals
),

final as (
    select
        queues.queue_id,
        queues.queue_name,
        queues.channel,
        queues.skill,
        queues.priority,
        queues.site,
        queues.is_forecast,
        queues.has_inbound_calls,
        queues.interval_minutes,
        -- the latest goal; history stays in wfm.service_goals and drives the KPIs per day
        coalesce(latest_goal.answer_within_seconds, {{ var('service_level_answer_seconds') }})
            as answer_within_seconds,
        coalesce(latest_goal.service_level_target, {{ var('service_level_target') }}) as service_level_target
    from queues
    left join latest_goal
        on
            queues.queue_id = latest_goal.queue_id
            and latest_goal.recency_rank = 1
)

select * from final
