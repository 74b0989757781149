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
        -- sums of integers are HUGEINT on DuckDB and numeric on PostgreSQL; the enforced contract says bigint
        cast(actual_contacts as {{ dbt.type_bigint() }}) as actual_contacts,
        actual_contacts_source,
        cast(queued_contacts as {{ dbt.type_bigint() }}) as queued_contacts,
        cast(answered_contacts as {{ dbt.type_bigint() }}) as answered_contacts,
        cast(answered_within_goal_contacts as {{ dbt.type_bigint() }}) as answered_within_goal_contacts,
        cast(abandoned_contacts as {{ dbt.type_bigint() }}) as abandoned_contacts,
        cast(actual_handle_seconds as {{ dbt.type_bigint() }}) as actual_handle_seconds,
        actual_aht_seconds,
        service_level_achieved,
        forecast_absolute_percentage_error,
        cast(scheduled_seconds as {{ dbt.type_bigint() }}) as scheduled_seconds,
        cast(on_duty_seconds as {{ dbt.type_bigint() }}) as on_duty_seconds,
        -- seconds / (minutes * 60.0) is a decimal on Spark; the contract says float
        cast(agents_scheduled as {{ dbt.type_float() }}) as agents_scheduled,
        cast(agents_on_duty as {{ dbt.type_float() }}) as agents_on_duty
    from queue_intervals
)

select * from final
