{#- The customer key and issue key stay in int_contacts_linked_to_issues: for unidentified callers they are the
    hashed phone number. -#}
with

contacts as (
    select * from {{ ref('int_contacts_linked_to_issues') }}
),

final as (
    select
        contact_key,
        contact_type,
        contact_id,
        channel,
        contact_started_at,
        contact_ended_at,
        contact_date,
        queue_id,
        agent_id,
        team_id,
        customer_id,
        inquiry_category,
        resolution_status,
        is_test,
        is_contact,
        is_received_contact,
        is_inquiry,
        is_online_inquiry,
        is_issue_contact,
        is_customer_served,
        is_replied,
        is_self_served,
        is_complaint,
        is_resolved_in_contact,
        follow_up_ticket_count,
        is_repeat_contact,
        is_repeat_of_unresolved,
        is_followed_by_repeat,
        is_first_contact_of_issue,
        is_first_contact_resolved,
        is_resolved,
        resolved_at,
        resolved_date,
        resolution_seconds,
        is_issue_resolved_by_month_end,
        needs_follow_up,
        is_follow_up_completed
    from contacts
    where is_contact or is_received_contact
)

select * from final
