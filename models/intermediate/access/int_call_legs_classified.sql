-- Leg-level flags and reporting dates the phone KPIs, fct_call_legs and the call grain share.
with

call_legs as (
    select * from {{ ref('int_call_legs_enriched') }}
),

-- a blank acw_ended_at is an unknown wrap-up, not 0 s; an extract where no answered leg has one comes from a
-- source without a wrap-up phase (e.g. the Anonymous Bank file), whose handle time is the talk time
after_call_work_recording as (
    select
        *,
        sum(case when is_inbound and is_answered and acw_ended_at is not null then 1 else 0 end) over () > 0
            as is_after_call_work_recorded
    from call_legs
),

final as (
    select
        call_id,
        leg_number,
        contact_date,
        leg_started_at,
        {{ local_date('queue_entered_at') }} as queue_date,
        {{ local_date('answered_at') }} as answered_date,
        direction,
        is_inbound,
        is_outbound,
        is_test,
        campaign_id,
        campaign_outcome,
        customer_id,
        customer_phone_hash,
        ivr_entered_at,
        ivr_exited_at,
        ivr_outcome,
        queue_id,
        queue_skill,
        queue_priority,
        queue_entered_at,
        alerting_at,
        answered_at,
        first_agent_utterance_at,
        ended_at,
        acw_ended_at,
        agent_id,
        team_id,
        transferred_to_queue_id,
        inquiry_category,
        resolution_status,
        has_sales_opportunity,
        is_sale,
        is_queued,
        is_answered,
        -- answered_leg of docs/kpi_inputs.yml: outbound legs carry answered_at too, so direction matters
        is_inbound and is_answered as is_answered_inbound,
        is_inbound and is_answered and alerting_at is not null as is_rung,
        is_abandoned,
        -- hang-ups shorter than var short_abandon_seconds are counted apart, never as lost calls (see abandon_rate);
        -- strictly shorter, so 0 (the default: 000 counts every hang-up in the queue) turns the exclusion off
        is_abandoned and queue_wait_seconds < {{ var('short_abandon_seconds') }} as is_short_abandon,
        is_abandoned and queue_wait_seconds >= {{ var('short_abandon_seconds') }} as is_lost_abandon,
        is_transferred,
        queue_wait_seconds,
        -- a leg answered without queueing (direct to an agent) waited 0 s
        case when is_inbound and is_answered then coalesce(queue_wait_seconds, 0) end as speed_of_answer_seconds,
        service_level_threshold_seconds,
        is_answered_within_service_level,
        ring_seconds,
        is_inbound
        and is_answered
        and alerting_at is not null
        and ring_seconds <= {{ var('ring_seconds') }} * {{ var('answer_within_rings') }} as is_answered_within_rings,
        first_response_seconds,
        talk_seconds,
        hold_seconds,
        after_call_work_seconds,
        is_after_call_work_recorded,
        -- handle = talk + wrap-up: unknown while the wrap-up is, talk alone where the source has no wrap-up phase
        case
            when after_call_work_seconds is not null then talk_seconds + after_call_work_seconds
            when not is_after_call_work_recorded then talk_seconds
        end as handle_seconds
    from after_call_work_recording
)

select * from final
