-- Calls answered by an agent per centre-local calendar day, for every day of the months with call activity (closed
-- days included, with 0): the days calls_answered_per_day divides by.
with

calls as (
    select * from {{ ref('int_calls_measured') }}
),

activity_months as (
    select
        {{ period_start('month', 'min(contact_date)') }} as first_month_date,
        {{ period_start('month', 'max(contact_date)') }} as last_month_date
    from calls
    where not is_test
),

day_numbers as (
    {{ dbt.generate_series(var('calendar_max_days')) }}
),

day_offsets as (
    select generated_number - 1 as day_offset
    from day_numbers
),

-- every calendar day of the months with call activity, closed days included
calendar_days as (
    select
        cast(
            {{ dbt.dateadd('day', 'day_offsets.day_offset', 'activity_months.first_month_date') }} as date
        ) as calendar_date
    from day_offsets
    cross join activity_months
    where
        day_offsets.day_offset < {{ dbt.datediff(
            'activity_months.first_month_date',
            dbt.dateadd('month', 1, 'activity_months.last_month_date'),
            'day'
        ) }}
),

answered_calls_by_day as (
    select
        first_answered_date,
        count(*) as answered_calls
    from calls
    where is_answered_by_agent
    group by first_answered_date
),

final as (
    select
        calendar_days.calendar_date,
        coalesce(answered_calls_by_day.answered_calls, 0) as answered_calls
    from calendar_days
    left join answered_calls_by_day
        on calendar_days.calendar_date = answered_calls_by_day.first_answered_date
)

select * from final
