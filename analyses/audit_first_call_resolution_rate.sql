-- Audit: first_call_resolution_rate per month at centre level from staging. Denominator: answered inbound calls
-- that open an issue, i.e. no earlier answered call, agent chat or online-inquiry ticket on the same customer +
-- category started within var repeat_contact_window_days before them (a call that repeats an earlier contact is
-- in neither side). Numerator: those whose last answered leg was wrapped up resolved, that no (non-test) ticket
-- continues (source_contact_id), and after which no such contact on the issue started within the window. Dated by
-- the call's local start day. Written with existence tests over pairs of contacts (not the model's running
-- window functions), so the two readings check each other.
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

keyed_contacts as (
    select
        contact_type,
        contact_id,
        {{ dbt.concat(['contact_type', "':'", 'contact_id']) }} as contact_key,
        started_at,
        customer_key,
        inquiry_category
    from issue_contacts
    where customer_key is not null and inquiry_category is not null
),

-- pairs of contacts on one customer + category, the second starting within the window after the first (ties in
-- start time ordered by contact key)
repeat_pairs as (
    select
        earlier.contact_key as earlier_contact_key,
        later.contact_key as later_contact_key
    from keyed_contacts as earlier
    inner join keyed_contacts as later
        on
            earlier.customer_key = later.customer_key
            and earlier.inquiry_category = later.inquiry_category
            and (
                earlier.started_at < later.started_at
                or (earlier.started_at = later.started_at and earlier.contact_key < later.contact_key)
            )
            and {{ dbt.datediff('earlier.started_at', 'later.started_at', 'second') }}
            <= {{ var('repeat_contact_window_days') }} * 86400
),

repeated_calls as (
    select distinct later_contact_key as contact_key
    from repeat_pairs
),

calls_followed_by_repeat as (
    select distinct earlier_contact_key as contact_key
    from repeat_pairs
),

continued_calls as (
    select distinct source_contact_id as call_id
    from tickets
    where
        not coalesce(is_test, false)
        and source_contact_id is not null
        and (source_contact_channel is null or source_contact_channel = 'phone')
),

issue_opening_calls as (
    select answered_calls.*
    from answered_calls
    left join repeated_calls
        on {{ dbt.concat(["'call:'", 'answered_calls.call_id']) }} = repeated_calls.contact_key
    where repeated_calls.contact_key is null
),

final as (
    select
        'first_call_resolution_rate' as metric_id,
        {{ period_start('month', local_date('issue_opening_calls.started_at')) }} as month_start_date,
        sum(
            case
                when
                    issue_opening_calls.resolution_status = 'resolved'
                    and continued_calls.call_id is null
                    and calls_followed_by_repeat.contact_key is null
                    then 1
                else 0
            end
        ) as numerator,
        count(*) as denominator
    from issue_opening_calls
    left join calls_followed_by_repeat
        on {{ dbt.concat(["'call:'", 'issue_opening_calls.call_id']) }} = calls_followed_by_repeat.contact_key
    left join continued_calls
        on issue_opening_calls.call_id = continued_calls.call_id
    group by {{ period_start('month', local_date('issue_opening_calls.started_at')) }}
)

select * from final
