with

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

final as (
    select
        ticket_id as complaint_id,
        channel,
        inquiry_category,
        priority,
        status,
        customer_id,
        agent_id,
        team_id,
        source_contact_channel,
        source_contact_id,
        created_at as received_at,
        created_date as received_date,
        first_reply_at,
        resolved_at,
        resolved_date,
        resolution_seconds,
        complaint_is_valid,
        complaint_fault,
        complaint_escalated_to,
        resolution_accepted,
        resolution_rating,
        is_valid_fault_complaint,
        is_escalated_complaint,
        has_all_complaint_steps_logged,
        escalation_procedure_followed,
        is_resolution_accepted,
        is_resolution_rated_satisfied,
        is_resolved_within_complaint_hours,
        is_resolved_by_month_end
    from tickets
    where is_complaint
)

select * from final
