with

base as (
    select * from {{ ref('base_ticketing__ticket_events') }}
),

final as (
    select
        ticket_event_id,
        extracted_at,
        ticket_id,
        event_type,
        event_at,
        agent_id
    from base
    where row_status = 'staged'
)

select * from final
