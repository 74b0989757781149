{#- Stock KPIs (headcounts, customer bases) have no events to date them, so they are computed for every calendar
    period that overlaps the contact-activity window; the period itself is whole (not clipped to the window). -#}
{%- set period_lengths = {
    'day': ('day', 1),
    'week': ('day', 7),
    'month': ('month', 1),
    'quarter': ('month', 3),
    'year': ('month', 12),
} -%}

with

call_legs as (
    select * from {{ ref('int_call_legs_enriched') }}
),

chat_sessions as (
    select * from {{ ref('stg_chat__chat_sessions') }}
),

tickets as (
    select * from {{ ref('stg_ticketing__tickets') }}
),

contact_days as (
    select call_legs.contact_date as activity_date
    from call_legs
    where not call_legs.is_test
    union all
    select {{ local_date('chat_sessions.started_at') }} as activity_date
    from chat_sessions
    where not coalesce(chat_sessions.is_test, false)
    union all
    select {{ local_date('tickets.created_at') }} as activity_date
    from tickets
    where not coalesce(tickets.is_test, false)
),

activity_window as (
    select
        min(activity_date) as first_date,
        max(activity_date) as last_date
    from contact_days
),

day_numbers as (
    {{ dbt.generate_series(var('calendar_max_days')) }}
),

days as (
    select
        cast(
            {{ dbt.dateadd('day', 'day_numbers.generated_number - 1', 'activity_window.first_date') }} as date
        ) as date_day
    from day_numbers
    cross join activity_window
    where
        day_numbers.generated_number - 1
        <= {{ dbt.datediff('activity_window.first_date', 'activity_window.last_date', 'day') }}
),

periods as (
    {%- for grain in kpi_grains() %}
        select distinct
            '{{ grain }}' as period_grain,
            {{ period_start(grain, 'date_day') }} as period_start
        from days
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

bounded as (
    select
        period_grain,
        period_start,
        case period_grain
            {%- for grain, length in period_lengths.items() %}
                {%- set next_period_start = dbt.dateadd(length[0], length[1], 'period_start') %}
                when '{{ grain }}' then cast({{ dbt.dateadd('day', -1, next_period_start) }} as date)
            {%- endfor %}
        end as period_end_date
    from periods
),

final as (
    select
        period_grain,
        period_start,
        period_end_date,
        {{ dbt.datediff(
            'period_start',
            'period_end_date',
            'day',
        ) }} + 1 as period_days
    from bounded
)

select * from final
