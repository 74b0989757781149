with

base as (
    select * from {{ ref('base_wfm__interval_forecasts') }}
),

final as (
    select
        queue_id,
        interval_start_at,
        extracted_at,
        interval_minutes,
        forecast_contacts,
        forecast_aht_seconds
    from base
    where row_status = 'staged'
)

select * from final
