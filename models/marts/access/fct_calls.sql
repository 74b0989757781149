with

calls as (
    select * from {{ ref('int_calls_measured') }}
),

final as (
    select
        call_id,
        contact_date as call_date,
        direction,
        is_inbound,
        is_outbound,
        is_test,
        leg_count,
        call_started_at,
        call_ended_at,
        customer_id,
        entered_ivr,
        ivr_outcome,
        is_ivr_self_served,
        is_entered_centre,
        entered_centre_at,
        entered_centre_date,
        first_queue_id,
        first_queue_skill,
        first_queue_priority,
        first_queue_entered_at,
        is_queued,
        queued_leg_count,
        is_answered_by_agent,
        first_answered_at,
        answered_leg_count,
        is_abandoned,
        is_short_abandon,
        is_transferred,
        last_agent_id,
        last_team_id,
        last_answered_queue_id,
        inquiry_category,
        resolution_status,
        queue_seconds,
        talk_seconds,
        hold_seconds,
        after_call_work_seconds,
        handle_seconds,
        campaign_id,
        campaign_outcome,
        outbound_agent_id,
        outbound_date,
        is_outbound_conversation,
        has_appointment_outcome,
        has_success_outcome,
        has_sales_opportunity,
        is_sale
    from calls
)

select * from final
