with

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

final as (
    select
        ticket_id,
        channel,
        inquiry_category,
        priority,
        status,
        customer_id,
        agent_id,
        team_id,
        source_contact_channel,
        source_contact_id,
        created_at,
        created_date,
        first_reply_at,
        first_follow_up_activity_at,
        last_reopened_at,
        resolved_at,
        resolved_date,
        first_response_due_at,
        resolution_due_at,
        promised_resolution_at,
        promised_resolution_date,
        first_response_seconds,
        resolution_seconds,
        is_test,
        is_written_ticket,
        is_follow_up_ticket,
        is_online_inquiry,
        is_complaint,
        is_replied,
        is_resolved,
        has_reopened,
        has_follow_up_event,
        is_replied_within_email_hours,
        is_resolved_within_email_hours,
        is_resolved_by_promised_time,
        has_sla,
        is_sla_met
    from tickets
)

select * from final
