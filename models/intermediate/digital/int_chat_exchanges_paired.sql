{#- An exchange is a run of customer messages answered by the next agent message; its delay runs from the run's
    first customer message to that agent message. The wait start of the session (hand-off or first customer
    message) opens the first run, so exchange 1 is the session's first response. Bot and system messages and
    anything before the wait start are ignored. -#}
with

chat_sessions as (
    select * from {{ ref('int_chat_sessions_enriched') }}
),

chat_messages as (
    select * from {{ ref('stg_chat__chat_messages') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

agent_chats as (
    select * from chat_sessions
    where is_agent_chat
),

timeline as (
    select
        session_id,
        wait_started_at as sent_at,
        'customer' as sender_type,
        cast(null as {{ dbt.type_string() }}) as message_id,
        cast(null as {{ dbt.type_string() }}) as agent_id
    from agent_chats
    union all
    select
        chat_messages.session_id,
        chat_messages.sent_at,
        chat_messages.sender_type,
        chat_messages.message_id,
        chat_messages.agent_id
    from chat_messages
    inner join agent_chats
        on
            chat_messages.session_id = agent_chats.session_id
            and chat_messages.sent_at >= agent_chats.wait_started_at
    where chat_messages.sender_type in ('customer', 'agent')
),

numbered as (
    select
        *,
        -- agent messages up to and including this one: a customer message belongs to the run answered by the next
        sum(case when sender_type = 'agent' then 1 else 0 end) over (
            partition by session_id
            order by sent_at, case when sender_type = 'customer' then 0 else 1 end, message_id
            rows between unbounded preceding and current row
        ) as agent_messages_so_far
    from timeline
),

customer_runs as (
    select
        session_id,
        agent_messages_so_far + 1 as answering_agent_message_number,
        min(sent_at) as customer_waiting_since_at
    from numbered
    where sender_type = 'customer'
    group by session_id, agent_messages_so_far
),

agent_replies as (
    select
        session_id,
        agent_messages_so_far as agent_message_number,
        sent_at as agent_replied_at,
        agent_id
    from numbered
    where sender_type = 'agent'
),

paired as (
    select
        customer_runs.session_id,
        row_number() over (
            partition by customer_runs.session_id
            order by customer_runs.answering_agent_message_number
        ) as exchange_number,
        customer_runs.customer_waiting_since_at,
        agent_replies.agent_replied_at,
        agent_replies.agent_id as replying_agent_id
    from customer_runs
    inner join agent_replies
        on
            customer_runs.session_id = agent_replies.session_id
            and customer_runs.answering_agent_message_number = agent_replies.agent_message_number
),

final as (
    select
        paired.session_id,
        paired.exchange_number,
        agent_chats.contact_date,
        agent_chats.channel,
        agent_chats.queue_id,
        agent_chats.inquiry_category,
        coalesce(paired.replying_agent_id, agent_chats.agent_id) as agent_id,
        case
            when paired.replying_agent_id is not null then employees.team_id else agent_chats.team_id
        end as team_id,
        paired.customer_waiting_since_at,
        paired.agent_replied_at,
        {{ dbt.datediff('paired.customer_waiting_since_at', 'paired.agent_replied_at', 'second') }}
            as response_seconds
    from paired
    inner join agent_chats
        on paired.session_id = agent_chats.session_id
    left join employees
        on paired.replying_agent_id = employees.employee_id
)

select * from final
