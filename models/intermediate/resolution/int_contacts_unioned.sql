{#- Every call, chat session, ticket and social post once, in one shape, with flags for the populations that
    docs/kpi_inputs.yml defines (contact, inquiry, online_inquiry, answered/agent contact, customers_served).
    Population flags exclude test rows, except is_received_contact, which effective_service_ratio needs with them. -#}
with

calls as (
    select * from {{ ref('int_calls_summarised') }}
),

call_legs as (
    select * from {{ ref('int_call_legs_enriched') }}
),

chat_sessions as (
    select * from {{ ref('int_chat_sessions_enriched') }}
),

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

social_posts as (
    select * from {{ ref('int_social_posts_enriched') }}
),

call_leg_facts as (
    select
        call_id,
        min(answered_at) as first_answered_at,
        max(
            case
                when leg_number = 1 and (ivr_entered_at is not null or queue_entered_at is not null) then 1 else 0
            end
        ) = 1 as has_entered_centre
    from call_legs
    group by call_id
),

call_contacts as (
    select
        'call' as contact_type,
        calls.call_id as contact_id,
        'phone' as channel,
        calls.call_started_at as contact_started_at,
        calls.call_ended_at as contact_ended_at,
        calls.contact_date,
        call_leg_facts.first_answered_at as handling_started_at,
        -- the queue that answered, else the queue the caller waited in
        coalesce(calls.last_answered_queue_id, calls.first_queue_id) as queue_id,
        calls.last_agent_id as agent_id,
        calls.last_team_id as team_id,
        calls.customer_id,
        calls.customer_key,
        calls.inquiry_category,
        calls.resolution_status,
        calls.is_test,
        calls.direction = 'inbound' and call_leg_facts.has_entered_centre as is_received_contact,
        (calls.is_inbound and call_leg_facts.has_entered_centre) or calls.is_outbound as is_contact,
        calls.is_inbound and calls.is_queued as is_inquiry,
        false as is_online_inquiry,
        calls.is_inbound and calls.is_answered as is_replied,
        calls.is_inbound and calls.is_answered as is_issue_contact,
        calls.is_inbound and calls.is_answered and calls.customer_id is not null as is_customer_served,
        calls.is_inbound and call_leg_facts.has_entered_centre and calls.is_ivr_self_served as is_self_served,
        false as is_complaint,
        calls.resolution_status = 'resolved' as is_resolved_in_contact,
        calls.resolution_status = 'resolved' as is_resolved_first_time,
        calls.call_ended_at as resolved_in_contact_at
    from calls
    inner join call_leg_facts
        on calls.call_id = call_leg_facts.call_id
),

chat_contacts as (
    select
        'chat' as contact_type,
        session_id as contact_id,
        channel,
        started_at as contact_started_at,
        ended_at as contact_ended_at,
        contact_date,
        started_at as handling_started_at,
        queue_id,
        agent_id,
        team_id,
        customer_id,
        customer_id as customer_key,
        inquiry_category,
        resolution_status,
        is_test,
        true as is_received_contact,
        not is_test as is_contact,
        is_agent_chat as is_inquiry,
        is_agent_chat as is_online_inquiry,
        is_replied,
        is_agent_chat as is_issue_contact,
        is_agent_chat and customer_id is not null as is_customer_served,
        is_bot_self_served as is_self_served,
        false as is_complaint,
        resolution_status = 'resolved' as is_resolved_in_contact,
        resolution_status = 'resolved' as is_resolved_first_time,
        ended_at as resolved_in_contact_at
    from chat_sessions
),

ticket_contacts as (
    select
        'ticket' as contact_type,
        ticket_id as contact_id,
        channel,
        created_at as contact_started_at,
        resolved_at as contact_ended_at,
        created_date as contact_date,
        created_at as handling_started_at,
        cast(null as {{ dbt.type_string() }}) as queue_id,
        agent_id,
        team_id,
        customer_id,
        customer_id as customer_key,
        inquiry_category,
        cast(null as {{ dbt.type_string() }}) as resolution_status,
        is_test,
        is_written_channel and source_contact_id is null as is_received_contact,
        is_online_inquiry as is_contact,
        is_online_inquiry as is_inquiry,
        is_online_inquiry,
        is_replied,
        is_online_inquiry as is_issue_contact,
        not is_test and customer_id is not null as is_customer_served,
        false as is_self_served,
        is_complaint,
        is_resolved as is_resolved_in_contact,
        -- first-time resolution: resolved without being reopened or chased with a follow-up
        is_resolved and not has_reopened and not has_follow_up_event as is_resolved_first_time,
        resolved_at as resolved_in_contact_at
    from tickets
),

social_contacts as (
    select
        'social_post' as contact_type,
        post_id as contact_id,
        'social' as channel,
        posted_at as contact_started_at,
        first_response_at as contact_ended_at,
        posted_date as contact_date,
        posted_at as handling_started_at,
        cast(null as {{ dbt.type_string() }}) as queue_id,
        agent_id,
        team_id,
        cast(null as {{ dbt.type_string() }}) as customer_id,
        cast(null as {{ dbt.type_string() }}) as customer_key,
        cast(null as {{ dbt.type_string() }}) as inquiry_category,
        cast(null as {{ dbt.type_string() }}) as resolution_status,
        false as is_test,
        false as is_received_contact,
        needs_response as is_contact,
        false as is_inquiry,
        false as is_online_inquiry,
        first_response_at is not null as is_replied,
        false as is_issue_contact,
        false as is_customer_served,
        false as is_self_served,
        false as is_complaint,
        false as is_resolved_in_contact,
        false as is_resolved_first_time,
        cast(null as {{ dbt.type_timestamp() }}) as resolved_in_contact_at
    from social_posts
),

unioned as (
    select * from call_contacts
    union all
    select * from chat_contacts
    union all
    select * from ticket_contacts
    union all
    select * from social_contacts
),

final as (
    select
        {{ dbt.concat(['contact_type', "':'", 'contact_id']) }} as contact_key,
        *
    from unioned
)

select * from final
