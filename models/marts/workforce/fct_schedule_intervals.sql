with

schedule_activities as (
    select * from {{ ref('int_schedule_activities_split') }}
),

final as (
    select
        schedule_activity_id,
        interval_start_at,
        interval_date,
        interval_minutes,
        shift_id,
        agent_id,
        team_id,
        activity,
        is_paid_work,
        queue_id,
        piece_started_at,
        piece_ended_at,
        cast(scheduled_seconds as {{ dbt.type_bigint() }}) as scheduled_seconds,
        cast(available_seconds as {{ dbt.type_bigint() }}) as available_seconds
    from schedule_activities
)

select * from final
