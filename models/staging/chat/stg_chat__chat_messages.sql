with

base as (
    select * from {{ ref('base_chat__chat_messages') }}
),

final as (
    select
        message_id,
        extracted_at,
        session_id,
        sender_type,
        agent_id,
        sent_at,
        is_handoff
    from base
    where row_status = 'staged'
)

select * from final
