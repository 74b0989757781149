with

call_legs as (
    select * from {{ ref('int_call_legs_classified') }}
),

final as (
    select
        call_id,
        leg_number,
        contact_date as leg_date,
        queue_date,
        answered_date,
        direction,
        is_inbound,
        is_outbound,
        is_test,
        campaign_id,
        campaign_outcome,
        customer_id,
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
        is_queued,
        is_answered,
        is_answered_inbound,
        is_rung,
        is_abandoned,
        is_short_abandon,
        is_lost_abandon,
        is_transferred,
        service_level_threshold_seconds,
        is_answered_within_service_level,
        is_answered_within_rings,
        queue_wait_seconds,
        speed_of_answer_seconds,
        ring_seconds,
        first_response_seconds,
        talk_seconds,
        hold_seconds,
        after_call_work_seconds,
        handle_seconds,
        has_sales_opportunity,
        is_sale
    from call_legs
)

select * from final
