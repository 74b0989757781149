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

data_coverage as (
    select * from {{ ref('int_data_coverage') }}
),

day_numbers as (
    {{ dbt.generate_series(var('calendar_max_days')) }}
),

days as (
    select
        cast(
            {{ dbt.dateadd('day', 'day_numbers.generated_number - 1', 'data_coverage.first_activity_date') }} as date
        ) as date_day
    from day_numbers
    cross join data_coverage
    where
        day_numbers.generated_number - 1
        <= {{ dbt.datediff('data_coverage.first_activity_date', 'data_coverage.last_activity_date', 'day') }}
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

-- complete: the extracts cover the period from its first local midnight to its last (int_data_coverage)
covered as (
    select
        bounded.period_grain,
        bounded.period_start,
        bounded.period_end_date,
        {{ local_day_start_at('bounded.period_start') }} >= data_coverage.covered_from_at
        and {{ local_day_start_at(dbt.dateadd('day', 1, 'bounded.period_end_date')) }}
        <= data_coverage.covered_until_at as is_complete_period
    from bounded
    cross join data_coverage
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
        ) }} + 1 as period_days,
        is_complete_period,
        coalesce(
            is_complete_period
            and period_start = max(case when is_complete_period then period_start end)
                over (partition by period_grain),
            false
        ) as is_latest_complete_period
    from covered
)

select * from final
