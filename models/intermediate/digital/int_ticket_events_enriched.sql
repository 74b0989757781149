with

ticket_events as (
    select * from {{ ref('stg_ticketing__ticket_events') }}
),

tickets as (
    select * from {{ ref('stg_ticketing__tickets') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

final as (
    select
        ticket_events.ticket_event_id,
        ticket_events.ticket_id,
        ticket_events.event_type,
        ticket_events.event_at,
        {{ local_date('ticket_events.event_at') }} as event_date,
        ticket_events.agent_id,
        employees.team_id,
        tickets.channel,
        tickets.category as inquiry_category,
        coalesce(tickets.is_complaint, false) as is_complaint,
        coalesce(tickets.is_test, false) as is_test,
        -- handling work by a named agent; created and reopened events are not work on the ticket
        ticket_events.agent_id is not null
        and ticket_events.event_type in ('first_reply', 'reply', 'follow_up', 'resolved', 'closed') as is_agent_action
    from ticket_events
    inner join tickets
        on ticket_events.ticket_id = tickets.ticket_id
    left join employees
        on ticket_events.agent_id = employees.employee_id
)

select * from final
