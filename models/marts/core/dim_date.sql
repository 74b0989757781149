{#- One row per local day from the first to the last day with any KPI activity. -#}
with

activity as (
    select
        min(period_start) as first_date,
        max(period_start) as last_date
    from {{ ref('int_kpi_values_rolled_up') }}
    where period_grain = 'day'
),

day_numbers as (
    {{ dbt.generate_series(var('calendar_max_days')) }}
),

days as (
    select cast({{ dbt.dateadd('day', 'day_numbers.generated_number - 1', 'activity.first_date') }} as date) as date_day
    from day_numbers
    cross join activity
    where day_numbers.generated_number - 1 <= {{ dbt.datediff('activity.first_date', 'activity.last_date', 'day') }}
),

final as (
    select
        date_day,
        {{ period_start('week', 'date_day') }} as week_start_date,
        {{ period_start('month', 'date_day') }} as month_start_date,
        {{ period_start('quarter', 'date_day') }} as quarter_start_date,
        {{ period_start('year', 'date_day') }} as year_start_date,
        {{ iso_day_of_week('date_day') }} as iso_day_of_week,
        {{ iso_day_of_week('date_day') }} >= 6 as is_weekend
    from days
)

select * from final
