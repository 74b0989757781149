{#- Every call, chat session and ticket once, with whether its operation log is complete: each lifecycle timestamp
    its outcome implies is present, all are in order, and no row of its log was quarantined for a timestamp problem
    (docs/kpi_inputs.yml, operation_log_completeness_rate). Read from the staging base models, so contacts with a
    quarantined row are judged too: a row quarantined for another reason (an unknown label, say) still carries its
    timestamps. Commitments are not log entries: a ticket's SLA due times never decide its completeness. -#}
{%- set call_lifecycle = [
    'ivr_entered_at', 'ivr_exited_at', 'queue_entered_at', 'alerting_at', 'answered_at', 'first_agent_utterance_at',
    'ended_at', 'acw_ended_at',
] -%}
{%- set chat_lifecycle = ['started_at', 'handed_off_at', 'ended_at'] -%}
with

call_legs as (
    select
        *,
        coalesce(direction = 'outbound', false) as is_outbound
    from {{ ref('base_telephony__call_legs') }}
    where row_status in ('staged', 'quarantined') and call_id is not null
),

chat_sessions as (
    select * from {{ ref('base_chat__chat_sessions') }}
    where row_status in ('staged', 'quarantined') and session_id is not null
),

chat_messages as (
    select * from {{ ref('base_chat__chat_messages') }}
    where row_status in ('staged', 'quarantined') and session_id is not null
),

tickets as (
    select * from {{ ref('base_ticketing__tickets') }}
    where row_status in ('staged', 'quarantined') and ticket_id is not null
),

ticket_events as (
    select * from {{ ref('base_ticketing__ticket_events') }}
    where row_status in ('staged', 'quarantined') and ticket_id is not null
),

-- calls: per leg, the timestamps its outcome implies (answered legs: alerting, answer, first utterance and
-- after-call work end; inbound legs: entry through the IVR or a queue; every leg: its end) and their order
legs_checked as (
    select
        call_id,
        leg_number,
        coalesce({{ call_lifecycle[:-1] | join(', ') }}) as leg_started_at,
        extracted_at,
        coalesce(is_test, false) as is_test,
        case when {{ is_log_hole(call_lifecycle) }} then 0 else 1 end as is_row_readable,
        case
            when
                ended_at is not null
                and (is_outbound or leg_number > 1 or ivr_entered_at is not null or queue_entered_at is not null)
                and (ivr_entered_at is null or ivr_exited_at is not null)
                and (ivr_outcome is null or ivr_outcome <> 'to_queue' or queue_entered_at is not null)
                and (is_outbound or leg_number = 1 or queue_entered_at is not null)
                and (not is_outbound or alerting_at is not null)
                and (
                    answered_at is null
                    or (
                        (is_outbound or queue_entered_at is not null)
                        and alerting_at is not null
                        and first_agent_utterance_at is not null
                        and acw_ended_at is not null
                    )
                )
                {{ timestamps_in_order(call_lifecycle) }}
                then 1
            else 0
        end as has_leg_lifecycle,
        -- a transfer implies the next leg; leg n+1 starts once leg n has ended; legs are numbered 1..n
        case
            when transferred_to_queue_id is null then 1
            when lead(leg_number) over (partition by call_id order by leg_number) = leg_number + 1 then 1
            else 0
        end as has_transfer_leg,
        case
            when leg_number = 1 then 1
            when lag(leg_number) over (partition by call_id order by leg_number) <> leg_number - 1 then 0
            when
                coalesce({{ call_lifecycle[:-1] | join(', ') }})
                >= lag(ended_at) over (partition by call_id order by leg_number)
                then 1
            else 0
        end as follows_previous_leg
    from call_legs
),

calls_checked as (
    select
        'call' as contact_type,
        call_id as contact_id,
        'phone' as channel,
        {{ local_date('coalesce(min(leg_started_at), min(extracted_at))') }} as contact_date,
        max(case when is_test then 1 else 0 end) = 1 as is_test,
        min(is_row_readable) = 1 as has_no_log_hole,
        min(has_leg_lifecycle * has_transfer_leg * follows_previous_leg) = 1 and min(leg_number) = 1
            as has_complete_lifecycle
    from legs_checked
    group by call_id
),

-- chats: started <= handed off <= messages <= ended; a bot chat an agent took must have its hand-off; agents write
-- after the hand-off
message_facts as (
    select
        chat_messages.session_id,
        min(case when {{ is_log_hole(['sent_at'], 'chat_messages') }} then 0 else 1 end) as has_readable_messages,
        min(
            case
                when chat_messages.sent_at is null then 0
                when chat_sessions.started_at is not null and chat_messages.sent_at < chat_sessions.started_at then 0
                when chat_sessions.ended_at is not null and chat_messages.sent_at > chat_sessions.ended_at then 0
                when
                    chat_messages.sender_type = 'agent' and chat_sessions.handed_off_at is not null
                    and chat_messages.sent_at < chat_sessions.handed_off_at
                    then 0
                else 1
            end
        ) as are_messages_in_order
    from chat_messages
    inner join chat_sessions
        on chat_messages.session_id = chat_sessions.session_id
    group by chat_messages.session_id
),

chats_checked as (
    select
        'chat' as contact_type,
        chat_sessions.session_id as contact_id,
        'chat' as channel,
        {{ local_date('coalesce(chat_sessions.started_at, chat_sessions.extracted_at)') }} as contact_date,
        coalesce(chat_sessions.is_test, false) as is_test,
        not {{ is_log_hole(chat_lifecycle, 'chat_sessions') }} and coalesce(message_facts.has_readable_messages, 1) = 1
            as has_no_log_hole,
        chat_sessions.started_at is not null
        and chat_sessions.ended_at is not null
        and (
            chat_sessions.handed_off_at is not null
            or not coalesce(chat_sessions.started_with_bot, false)
            or chat_sessions.agent_id is null
        )
        {{ timestamps_in_order(chat_lifecycle) }}
        and coalesce(message_facts.are_messages_in_order, 1) = 1 as has_complete_lifecycle
    from chat_sessions
    left join message_facts
        on chat_sessions.session_id = message_facts.session_id
),

-- tickets: the created event is logged, a resolved or closed ticket has that event, no event precedes creation
event_facts as (
    select
        ticket_events.ticket_id,
        min(case when {{ is_log_hole(['event_at'], 'ticket_events') }} then 0 else 1 end) as has_readable_events,
        max(case when ticket_events.event_type = 'created' then 1 else 0 end) as has_created_event,
        max(case when ticket_events.event_type = tickets.status then 1 else 0 end) as has_status_event,
        min(
            case
                when ticket_events.event_at is null then 0
                when ticket_events.event_at < tickets.created_at then 0
                else 1
            end
        ) as are_events_after_creation
    from ticket_events
    inner join tickets
        on ticket_events.ticket_id = tickets.ticket_id
    group by ticket_events.ticket_id
),

tickets_checked as (
    select
        'ticket' as contact_type,
        tickets.ticket_id as contact_id,
        tickets.channel,
        {{ local_date('coalesce(tickets.created_at, tickets.extracted_at)') }} as contact_date,
        coalesce(tickets.is_test, false) as is_test,
        not {{ is_log_hole(['created_at'], 'tickets') }} and coalesce(event_facts.has_readable_events, 1) = 1
            as has_no_log_hole,
        tickets.created_at is not null
        and coalesce(event_facts.has_created_event, 0) = 1
        and (coalesce(tickets.status, '') not in ('resolved', 'closed') or event_facts.has_status_event = 1)
        and coalesce(event_facts.are_events_after_creation, 1) = 1 as has_complete_lifecycle
    from tickets
    left join event_facts
        on tickets.ticket_id = event_facts.ticket_id
),

unioned as (
    select * from calls_checked
    union all
    select * from chats_checked
    union all
    select * from tickets_checked
),

final as (
    select
        contact_type,
        contact_id,
        channel,
        contact_date,
        is_test,
        coalesce(has_no_log_hole, false) as has_no_log_hole,
        coalesce(has_complete_lifecycle, false) as has_complete_lifecycle,
        coalesce(has_no_log_hole and has_complete_lifecycle, false) as is_log_complete
    from unioned
)

select * from final
