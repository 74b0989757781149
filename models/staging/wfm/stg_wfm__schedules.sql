with

base as (
    select * from {{ ref('base_wfm__schedules') }}
),

final as (
    select
        schedule_activity_id,
        extracted_at,
        shift_id,
        agent_id,
        activity,
        queue_id,
        started_at,
        ended_at
    from base
    where row_status = 'staged'
)

select * from final
