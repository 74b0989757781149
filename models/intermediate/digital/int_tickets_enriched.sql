with

tickets as (
    select * from {{ ref('stg_ticketing__tickets') }}
),

ticket_events as (
    select * from {{ ref('int_ticket_events_enriched') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

extract_as_of as (
    -- the latest ticket export: a deadline that had passed by then with the ticket still open counts as missed
    select max(extracted_at) as as_of_at from tickets
),

last_reopened as (
    select
        ticket_id,
        max(event_at) as last_reopened_at
    from ticket_events
    where event_type = 'reopened'
    group by ticket_id
),

events_summarised as (
    select
        ticket_events.ticket_id,
        min(case when ticket_events.event_type in ('first_reply', 'reply') then ticket_events.event_at end)
            as first_reply_at,
        min(
            case
                when ticket_events.event_type in ('first_reply', 'reply', 'follow_up') then ticket_events.event_at
            end
        ) as first_follow_up_activity_at,
        -- a reopened ticket is resolved only by a resolved/closed event after its last reopening
        min(
            case
                when
                    ticket_events.event_type in ('resolved', 'closed')
                    and (
                        last_reopened.last_reopened_at is null
                        or ticket_events.event_at > last_reopened.last_reopened_at
                    )
                    then ticket_events.event_at
            end
        ) as resolved_at,
        max(last_reopened.last_reopened_at) as last_reopened_at,
        max(case when ticket_events.event_type = 'follow_up' then 1 else 0 end) = 1 as has_follow_up_event
    from ticket_events
    left join last_reopened
        on ticket_events.ticket_id = last_reopened.ticket_id
    group by ticket_events.ticket_id
),

joined as (
    select
        tickets.*,
        coalesce(tickets.is_test, false) as is_test_ticket,
        tickets.channel in ({{ quoted_list(var('written_ticket_channels')) }}) as is_written_channel,
        employees.team_id,
        charged_agents.employee_id as charged_agent_id,
        charged_agents.team_id as charged_team_id,
        events_summarised.first_reply_at,
        events_summarised.first_follow_up_activity_at,
        events_summarised.resolved_at,
        events_summarised.last_reopened_at,
        coalesce(events_summarised.has_follow_up_event, false) as has_follow_up_event,
        coalesce(
            tickets.resolution_due_at,
            {{ dbt.dateadd('hour', var('non_realtime_default_due_hours'), 'tickets.created_at') }}
        ) as promised_resolution_at,
        extract_as_of.as_of_at
    from tickets
    cross join extract_as_of
    left join events_summarised
        on tickets.ticket_id = events_summarised.ticket_id
    left join employees
        on tickets.agent_id = employees.employee_id
    -- 负分法 charges a valid complaint to the agent at fault (the register's complaint_agent_id), never to the
    -- ticket's owner, who may only have taken the complaint; company, customer or third-party faults charge no one
    left join employees as charged_agents
        on
            tickets.complaint_agent_id = charged_agents.employee_id
            and coalesce(tickets.is_complaint, false)
            and not coalesce(tickets.is_test, false)
            and coalesce(tickets.complaint_is_valid, false)
            and tickets.complaint_fault = 'agent'
),

deadlines as (
    select
        *,
        {{ deadline_met(
            'first_reply_at',
            dbt.dateadd('hour', var('email_reply_hours'), 'created_at'),
            'as_of_at'
        ) }} as is_replied_within_email_hours,
        {{ deadline_met(
            'resolved_at',
            dbt.dateadd('hour', var('email_resolution_hours'), 'created_at'),
            'as_of_at'
        ) }} as is_resolved_within_email_hours,
        {{ deadline_met(
            'resolved_at',
            dbt.dateadd('hour', var('complaint_resolution_hours'), 'created_at'),
            'as_of_at'
        ) }} as is_resolved_within_complaint_hours,
        {{ deadline_met('resolved_at', 'promised_resolution_at', 'as_of_at') }} as is_resolved_by_promised_time,
        {{ deadline_met('first_reply_at', 'first_response_due_at', 'as_of_at') }} as is_first_response_sla_met,
        {{ deadline_met('resolved_at', 'resolution_due_at', 'as_of_at') }} as is_resolution_sla_met
    from joined
),

final as (
    select
        ticket_id,
        channel,
        category as inquiry_category,
        priority,
        status,
        customer_id,
        customer_phone_hash,
        agent_id,
        team_id,
        source_contact_channel,
        source_contact_id,
        created_at,
        {{ local_date('created_at') }} as created_date,
        first_reply_at,
        first_follow_up_activity_at,
        last_reopened_at,
        resolved_at,
        {{ local_date('resolved_at') }} as resolved_date,
        first_response_due_at,
        resolution_due_at,
        promised_resolution_at,
        {{ local_date('promised_resolution_at') }} as promised_resolution_date,
        as_of_at,
        is_test_ticket as is_test,
        is_written_channel,
        is_written_channel and not is_test_ticket as is_written_ticket,
        source_contact_id is not null as is_follow_up_ticket,
        is_written_channel and not is_test_ticket and source_contact_id is null as is_online_inquiry,
        first_reply_at is not null as is_replied,
        resolved_at is not null as is_resolved,
        last_reopened_at is not null as has_reopened,
        has_follow_up_event,
        {{ dbt.datediff('created_at', 'first_reply_at', 'second') }}
            as first_response_seconds,
        {{ dbt.datediff('created_at', 'resolved_at', 'second') }}
            as resolution_seconds,
        is_replied_within_email_hours,
        is_resolved_within_email_hours,
        is_resolved_by_promised_time,
        first_response_due_at is not null or resolution_due_at is not null as has_sla,
        -- every commitment the ticket has must be met; one missed commitment settles it, an open one waits
        case
            when first_response_due_at is null and resolution_due_at is null then null
            when not is_first_response_sla_met or not is_resolution_sla_met then false
            when
                (first_response_due_at is null or is_first_response_sla_met)
                and (resolution_due_at is null or is_resolution_sla_met)
                then true
        end as is_sla_met,
        -- complaint register attributes (a test ticket is never a complaint)
        coalesce(is_complaint, false) and not is_test_ticket as is_complaint,
        complaint_is_valid,
        complaint_fault,
        complaint_escalated_to,
        complaint_agent_id,
        charged_agent_id,
        charged_team_id,
        coalesce(complaint_is_valid, false)
        and complaint_fault in ({{ quoted_list(var('valid_complaint_faults')) }})
            as is_valid_fault_complaint,
        complaint_escalated_to in ('supervisor', 'regulator') as is_escalated_complaint,
        -- complaint process: every handling step logged (a blank step is a missing one), escalation procedure kept
        step_soothe_logged and step_record_logged and step_feedback_logged and step_follow_up_logged
            as has_all_complaint_steps_logged,
        escalation_procedure_followed,
        status in ('resolved', 'closed') and coalesce(resolution_accepted, false) as is_resolution_accepted,
        resolution_accepted,
        resolution_rating,
        resolution_rating >= {{ var('csat_satisfied_min') }} as is_resolution_rated_satisfied,
        is_resolved_within_complaint_hours,
        {{ done_by_month_end(local_date('resolved_at'), local_date('created_at')) }} as is_resolved_by_month_end
    from deadlines
)

select * from final
