{%- set chat_slices = kpi_slices(['channel', 'queue', 'agent', 'team', 'inquiry_category']) -%}
{%- set ticket_slices = kpi_slices(['channel', 'agent', 'team', 'inquiry_category']) -%}
with

chat_sessions as (
    select * from {{ ref('int_chat_sessions_enriched') }}
),

chat_exchanges as (
    select * from {{ ref('int_chat_exchanges_paired') }}
),

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

social_posts as (
    select * from {{ ref('int_social_posts_enriched') }}
),

contacts as (
    select * from {{ ref('int_contacts_unioned') }}
),

agent_chats as (
    select * from chat_sessions
    where is_agent_chat
),

bot_sessions as (
    select * from chat_sessions
    where is_bot_session
),

real_tickets as (
    select * from tickets
    where not is_test
),

-- tickets the customer raised: a follow-up ticket the centre opened from a call, chat or post (source contact) is
-- the centre's own work, not a request waiting for a first response
customer_tickets as (
    select * from real_tickets
    where not is_follow_up_ticket
),

written_tickets as (
    select * from tickets
    where is_written_ticket
),

online_inquiries as (
    select * from contacts
    where is_online_inquiry
),

-- the chat maximum is the centre figure (the 120 s target is for chat); tickets add only their channel slices
ticket_max_first_response as (
    select * from (
        {{ kpi_components('customer_tickets', 'max_first_response_time', 'created_date',
                          'max(first_response_seconds)', dimensions={'channel': 'channel'},
                          where='is_replied', is_additive=false) }}
    ) as ticket_slices
    where dimension_name <> 'centre'
),

components as (
    {{ kpi_components('agent_chats', 'online_first_response_time', 'contact_date',
                      'sum(first_response_seconds)', 'count(*)', dimensions=chat_slices, where='is_replied') }}
    union all
    {{ kpi_components('chat_exchanges', 'average_response_time_per_exchange', 'contact_date',
                      'sum(response_seconds)', 'count(*)', dimensions=chat_slices) }}
    union all
    {{ kpi_components('customer_tickets', 'ticket_first_response_time', 'created_date',
                      'sum(first_response_seconds)', 'count(*)', dimensions=ticket_slices, where='is_replied') }}
    union all
    -- a chat never replied to is the worst case, counted with its wait until the session ended
    {{ kpi_components('agent_chats', 'max_first_response_time', 'contact_date',
                      'max(first_response_wait_seconds)', dimensions=chat_slices, is_additive=false) }}
    union all
    select * from ticket_max_first_response
    union all
    {{ kpi_components('online_inquiries', 'reply_rate', 'contact_date',
                      count_where('is_replied'), 'count(*)', dimensions=chat_slices) }}
    union all
    {{ kpi_components('agent_chats', 'chat_reply_within_30s_rate', 'contact_date',
                      count_where('is_replied_within_chat_seconds'), 'count(*)', dimensions=chat_slices) }}
    union all
    {{ kpi_components('bot_sessions', 'bot_to_human_rate', 'contact_date',
                      count_where('is_handed_off'), 'count(*)', dimensions={'channel': 'channel'}) }}
    union all
    {{ kpi_components('written_tickets', 'email_reply_within_24h_rate', 'created_date',
                      count_where('is_replied_within_email_hours'), 'count(*)', dimensions=ticket_slices,
                      where='is_replied_within_email_hours is not null') }}
    union all
    {{ kpi_components('written_tickets', 'email_resolution_within_48h_rate', 'created_date',
                      count_where('is_resolved_within_email_hours'), 'count(*)', dimensions=ticket_slices,
                      where='is_resolved_within_email_hours is not null') }}
    union all
    {{ kpi_components('social_posts', 'social_response_within_1h_rate', 'posted_date',
                      count_where('is_responded_within_social_hours'), 'count(*)',
                      dimensions={'agent': 'agent_id', 'team': 'team_id'},
                      where='is_response_measured and is_responded_within_social_hours is not null') }}
    union all
    {{ kpi_components('written_tickets', 'non_realtime_on_time_rate', 'promised_resolution_date',
                      count_where('is_resolved_by_promised_time'), 'count(*)', dimensions=ticket_slices,
                      where='is_resolved_by_promised_time is not null') }}
    union all
    {{ kpi_components('social_posts', 'negative_sentiment_conversion_rate', 'posted_date',
                      count_where('is_negative_converted_and_resolved'), 'count(*)', where='is_negative') }}
),

final as (
    select * from components
)

select * from final
