-- Leg-level flags and reporting dates the phone KPIs, fct_call_legs and the call grain share.
with

call_legs as (
    select * from {{ ref('int_call_legs_enriched') }}
),

classified as (
    select
        *,
        {{ local_date('queue_entered_at') }} as queue_date,
        {{ local_date('answered_at') }} as answered_date,
        -- answered_leg of docs/kpi_inputs.yml: outbound legs carry answered_at too, so direction matters
        is_inbound and is_answered as is_answered_inbound,
        -- short abandons (var short_abandon_seconds) are counted apart, never as lost calls (DECISIONS.md)
        is_abandoned and queue_wait_seconds <= {{ var('short_abandon_seconds') }} as is_short_abandon,
        is_abandoned and queue_wait_seconds > {{ var('short_abandon_seconds') }} as is_lost_abandon
    from call_legs
),

final as (
    select
        *,
        is_answered_inbound and alerting_at is not null as is_rung,
        is_answered_inbound
        and alerting_at is not null
        and ring_seconds <= {{ var('ring_seconds') }} * {{ var('answer_within_rings') }} as is_answered_within_rings,
        -- a leg answered without queueing (direct to an agent) waited 0 s
        case when is_answered_inbound then coalesce(queue_wait_seconds, 0) end as speed_of_answer_seconds
    from classified
)

select * from final
