with

queue_intervals as (
    select * from {{ ref('int_queue_intervals_staffed') }}
),

final as (
    select
        queue_id,
        interval_start_at,
        interval_end_at,
        interval_date,
        interval_minutes,
        interval_seconds,
        channel,
        is_queue_forecast,
        has_forecast,
        forecast_contacts,
        forecast_aht_seconds,
        forecast_traffic_erlangs,
        answer_within_seconds,
        service_level_target,
        required_agents,
        is_required_agents_beyond_bound,
        forecast_service_level,
        forecast_average_speed_of_answer_seconds,
        actual_contacts,
        actual_contacts_source,
        queued_contacts,
        answered_contacts,
        answered_within_goal_contacts,
        abandoned_contacts,
        actual_handle_seconds,
        actual_aht_seconds,
        service_level_achieved,
        forecast_absolute_percentage_error,
        scheduled_seconds,
        on_duty_seconds,
        agents_scheduled,
        agents_on_duty
    from queue_intervals
)

select * from final
