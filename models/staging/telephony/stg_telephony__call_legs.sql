with

base as (
    select * from {{ ref('base_telephony__call_legs') }}
),

final as (
    select
        call_id,
        leg_number,
        extracted_at,
        direction,
        campaign_id,
        campaign_outcome,
        customer_id,
        customer_phone_hash,
        ivr_entered_at,
        ivr_exited_at,
        ivr_outcome,
        queue_id,
        queue_entered_at,
        alerting_at,
        answered_at,
        first_agent_utterance_at,
        hold_seconds,
        ended_at,
        acw_ended_at,
        agent_id,
        transferred_to_queue_id,
        inquiry_category,
        resolution_status,
        has_sales_opportunity,
        is_sale,
        is_test
    from base
    where row_status = 'staged'
)

select * from final
