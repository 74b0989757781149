with

chat_sessions as (
    select * from {{ ref('int_chat_sessions_enriched') }}
),

exchanges as (
    select * from {{ ref('int_chat_exchanges_paired') }}
),

exchanges_per_session as (
    select
        session_id,
        count(*) as exchange_count,
        sum(response_seconds) as exchange_response_seconds
    from exchanges
    group by session_id
),

final as (
    select
        chat_sessions.session_id,
        chat_sessions.channel,
        chat_sessions.customer_id,
        chat_sessions.queue_id,
        chat_sessions.agent_id,
        chat_sessions.team_id,
        chat_sessions.inquiry_category,
        chat_sessions.resolution_status,
        chat_sessions.started_at,
        chat_sessions.ended_at,
        chat_sessions.contact_date,
        chat_sessions.handoff_at,
        chat_sessions.wait_started_at,
        chat_sessions.first_agent_reply_at,
        chat_sessions.first_response_seconds,
        chat_sessions.session_seconds,
        coalesce(exchanges_per_session.exchange_count, 0) as exchange_count,
        coalesce(exchanges_per_session.exchange_response_seconds, 0) as exchange_response_seconds,
        chat_sessions.is_test,
        chat_sessions.started_with_bot,
        chat_sessions.is_bot_session,
        chat_sessions.is_handed_off,
        chat_sessions.is_agent_chat,
        chat_sessions.is_bot_self_served,
        chat_sessions.is_replied,
        chat_sessions.is_replied_within_chat_seconds
    from chat_sessions
    left join exchanges_per_session
        on chat_sessions.session_id = exchanges_per_session.session_id
)

select * from final
