with

base as (
    select * from {{ ref('base_telephony__agent_states') }}
),

final as (
    select
        state_event_id,
        extracted_at,
        agent_id,
        state,
        started_at,
        ended_at
    from base
    where row_status = 'staged'
)

select * from final
