with

chat_sessions as (
    select * from {{ ref('stg_chat__chat_sessions') }}
),

chat_messages as (
    select * from {{ ref('stg_chat__chat_messages') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

extract_as_of as (
    -- the latest chat export: a session still open and unanswered has waited until then
    select max(extracted_at) as as_of_at from chat_sessions
),

handoff_messages as (
    select
        session_id,
        min(sent_at) as handoff_message_at
    from chat_messages
    where coalesce(is_handoff, false)
    group by session_id
),

first_customer_messages as (
    select
        session_id,
        min(sent_at) as first_customer_message_at
    from chat_messages
    where sender_type = 'customer'
    group by session_id
),

classified as (
    select
        chat_sessions.*,
        coalesce(chat_sessions.is_test, false) as is_test_session,
        case
            when chat_sessions.started_with_bot
                then coalesce(chat_sessions.handed_off_at, handoff_messages.handoff_message_at)
        end as handoff_at,
        first_customer_messages.first_customer_message_at
    from chat_sessions
    left join handoff_messages
        on chat_sessions.session_id = handoff_messages.session_id
    left join first_customer_messages
        on chat_sessions.session_id = first_customer_messages.session_id
),

waiting as (
    select
        *,
        -- the customer waits for a human from the bot hand-off (the request was already made to the bot; agents
        -- usually greet first) or else from their first message; bot time before the hand-off is excluded
        coalesce(handoff_at, first_customer_message_at, started_at) as wait_started_at
    from classified
),

first_replies as (
    select
        waiting.session_id,
        min(chat_messages.sent_at) as first_agent_reply_at
    from waiting
    inner join chat_messages
        on
            waiting.session_id = chat_messages.session_id
            and waiting.wait_started_at <= chat_messages.sent_at
            and chat_messages.sender_type = 'agent'
    group by waiting.session_id
),

final as (
    select
        waiting.session_id,
        waiting.channel,
        waiting.customer_id,
        waiting.queue_id,
        waiting.agent_id,
        employees.team_id,
        waiting.inquiry_category,
        waiting.resolution_status,
        waiting.started_at,
        waiting.ended_at,
        {{ local_date('waiting.started_at') }} as contact_date,
        waiting.started_with_bot,
        waiting.handoff_at,
        waiting.first_customer_message_at,
        waiting.wait_started_at,
        first_replies.first_agent_reply_at,
        {{ dbt.datediff('waiting.wait_started_at', 'first_replies.first_agent_reply_at', 'second') }}
            as first_response_seconds,
        -- the longest a customer waited for a first reply: a session never replied to waited until it ended (the
        -- customer left unanswered), or until the as-of time while it is still open
        {{ dbt.datediff(
            'waiting.wait_started_at',
            'coalesce(first_replies.first_agent_reply_at, waiting.ended_at, extract_as_of.as_of_at)',
            'second'
        ) }} as first_response_wait_seconds,
        {{ dbt.datediff('waiting.started_at', 'waiting.ended_at', 'second') }}
            as session_seconds,
        waiting.is_test_session as is_test,
        waiting.started_with_bot and not waiting.is_test_session as is_bot_session,
        waiting.handoff_at is not null as is_handed_off,
        -- agent_chat: the session reached a human
        not waiting.is_test_session
        and (
            not waiting.started_with_bot
            or waiting.handoff_at is not null
            or waiting.agent_id is not null
        ) as is_agent_chat,
        waiting.started_with_bot
        and not waiting.is_test_session
        and waiting.handoff_at is null
        and waiting.agent_id is null
        and coalesce(waiting.resolution_status, 'resolved') <> 'unresolved' as is_bot_self_served,
        first_replies.first_agent_reply_at is not null as is_replied,
        coalesce(
            {{ dbt.datediff('waiting.wait_started_at', 'first_replies.first_agent_reply_at', 'second') }}
            <= {{ var('chat_reply_seconds') }},
            false
        ) as is_replied_within_chat_seconds
    from waiting
    cross join extract_as_of
    left join first_replies
        on waiting.session_id = first_replies.session_id
    left join employees
        on waiting.agent_id = employees.employee_id
)

select * from final
