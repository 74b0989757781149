-- Audit: first_call_resolution_rate per month at centre level from staging. Answered inbound calls whose last
-- answered leg was wrapped up resolved, that no (non-test) ticket continues (source_contact_id), and whose issue
-- (customer + category) saw no further answered call, agent chat or online-inquiry ticket within
-- var repeat_contact_window_days / answered inbound calls, dated by the call's local start day.
with

call_legs as (
    select * from {{ ref('stg_telephony__call_legs') }}
),

chat_sessions as (
    select * from {{ ref('stg_chat__chat_sessions') }}
),

chat_messages as (
    select * from {{ ref('stg_chat__chat_messages') }}
),

tickets as (
    select * from {{ ref('stg_ticketing__tickets') }}
),

legs_ranked as (
    select
        *,
        coalesce(ivr_entered_at, queue_entered_at, alerting_at, answered_at, ended_at) as leg_started_at,
        row_number() over (
            partition by call_id, answered_at is not null order by leg_number desc
        ) as answered_rank
    from call_legs
),

calls as (
    select
        call_id,
        min(leg_started_at) as started_at,
        max(case when leg_number = 1 and direction = 'inbound' and not coalesce(is_test, false) then 1 else 0 end)
        = 1 as is_inbound,
        max(case when answered_at is not null then 1 else 0 end) = 1 as is_answered,
        coalesce(max(customer_id), max(customer_phone_hash)) as customer_key,
        max(case when answered_at is not null and answered_rank = 1 then inquiry_category end) as inquiry_category,
        max(case when answered_at is not null and answered_rank = 1 then resolution_status end) as resolution_status
    from legs_ranked
    group by call_id
),

answered_calls as (
    select * from calls
    where is_inbound and is_answered
),

handoff_messages as (
    select distinct session_id
    from chat_messages
    where is_handoff
),

issue_contacts as (
    select
        'call' as contact_type,
        call_id as contact_id,
        started_at,
        customer_key,
        inquiry_category
    from answered_calls
    union all
    select
        'chat' as contact_type,
        chat_sessions.session_id as contact_id,
        chat_sessions.started_at,
        chat_sessions.customer_id as customer_key,
        chat_sessions.inquiry_category
    from chat_sessions
    left join handoff_messages
        on chat_sessions.session_id = handoff_messages.session_id
    where
        not coalesce(chat_sessions.is_test, false)
        and (
            not chat_sessions.started_with_bot
            or chat_sessions.handed_off_at is not null
            or handoff_messages.session_id is not null
            or chat_sessions.agent_id is not null
        )
    union all
    select
        'ticket' as contact_type,
        ticket_id as contact_id,
        created_at as started_at,
        customer_id as customer_key,
        category as inquiry_category
    from tickets
    where
        channel in ({{ quoted_list(var('written_ticket_channels')) }})
        and not coalesce(is_test, false)
        and source_contact_id is null
),

next_on_issue as (
    select
        contact_type,
        contact_id,
        lead(started_at) over (
            partition by customer_key, inquiry_category
            order by started_at, {{ dbt.concat(['contact_type', "':'", 'contact_id']) }}
        ) as next_started_at
    from issue_contacts
    where customer_key is not null and inquiry_category is not null
),

continued_calls as (
    select distinct source_contact_id as call_id
    from tickets
    where
        not coalesce(is_test, false)
        and source_contact_id is not null
        and (source_contact_channel is null or source_contact_channel = 'phone')
),

final as (
    select
        'first_call_resolution_rate' as metric_id,
        {{ period_start('month', local_date('answered_calls.started_at')) }} as month_start_date,
        sum(
            case
                when
                    answered_calls.resolution_status = 'resolved'
                    and continued_calls.call_id is null
                    and coalesce(
                        {{ dbt.datediff('answered_calls.started_at', 'next_on_issue.next_started_at', 'second') }}
                        > {{ var('repeat_contact_window_days') }} * 86400,
                        true
                    )
                    then 1
                else 0
            end
        ) as numerator,
        count(*) as denominator
    from answered_calls
    left join next_on_issue
        on next_on_issue.contact_type = 'call' and answered_calls.call_id = next_on_issue.contact_id
    left join continued_calls
        on answered_calls.call_id = continued_calls.call_id
    group by {{ period_start('month', local_date('answered_calls.started_at')) }}
)

select * from final
