with

base as (
    select * from {{ ref('base_ticketing__tickets') }}
),

final as (
    select
        ticket_id,
        extracted_at,
        channel,
        category,
        priority,
        customer_id,
        customer_email_hash,
        customer_phone_hash,
        agent_id,
        created_at,
        first_response_due_at,
        resolution_due_at,
        source_contact_channel,
        source_contact_id,
        status,
        is_test,
        is_complaint,
        complaint_is_valid,
        complaint_fault,
        complaint_agent_id,
        complaint_escalated_to,
        resolution_accepted,
        resolution_rating,
        step_soothe_logged,
        step_record_logged,
        step_feedback_logged,
        step_follow_up_logged,
        escalation_procedure_followed
    from base
    where row_status = 'staged'
)

select * from final
