with

base as (
    select * from {{ ref('base_chat__chat_sessions') }}
),

final as (
    select
        session_id,
        extracted_at,
        channel,
        customer_id,
        queue_id,
        started_at,
        ended_at,
        started_with_bot,
        handed_off_at,
        agent_id,
        inquiry_category,
        resolution_status,
        is_test
    from base
    where row_status = 'staged'
)

select * from final
