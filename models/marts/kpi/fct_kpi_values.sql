with

values_rolled_up as (
    select * from {{ ref('int_kpi_values_rolled_up') }}
    union all
    select * from {{ ref('int_performance_kpis_computed') }}
),

registry as (
    select * from {{ ref('kpi_registry') }}
),

targets as (
    select * from {{ ref('kpi_targets') }}
),

slice_targets as (
    select * from {{ ref('int_kpi_slice_targets') }}
),

unsupported_kpis as (
    select * from {{ ref('int_kpis_unsupported_by_extracts') }}
),

calendar as (
    select * from {{ ref('dim_date') }}
),

periods_covered as (
    select * from {{ ref('int_reporting_periods_spanned') }}
),

periods as (
    {%- for grain in kpi_grains() %}
        select distinct
            '{{ grain }}' as period_grain,
            {{ period_start(grain, 'date_day') }} as period_start
        from calendar
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

-- every KPI has a centre row for every period, so a KPI the extracts cannot support shows up as null with a reason
centre_spine as (
    select
        registry.metric_id,
        periods.period_grain,
        periods.period_start,
        'centre' as dimension_name,
        'all' as dimension_value
    from registry
    cross join periods
),

grains_computed as (
    select distinct
        metric_id,
        period_grain
    from values_rolled_up
),

completed as (
    select
        coalesce(values_rolled_up.metric_id, centre_spine.metric_id) as metric_id,
        coalesce(values_rolled_up.period_grain, centre_spine.period_grain) as period_grain,
        coalesce(values_rolled_up.period_start, centre_spine.period_start) as period_start,
        coalesce(values_rolled_up.dimension_name, centre_spine.dimension_name) as dimension_name,
        coalesce(values_rolled_up.dimension_value, centre_spine.dimension_value) as dimension_value,
        values_rolled_up.numerator,
        values_rolled_up.denominator,
        values_rolled_up.value,
        coalesce(values_rolled_up.is_additive, false) as is_additive,
        case
            when values_rolled_up.metric_id is not null then values_rolled_up.not_available_reason
            when unsupported_kpis.metric_id is not null then unsupported_kpis.not_available_reason
            when grains_computed.metric_id is null and centre_spine.period_grain in ('day', 'week')
                then 'not computed at this grain: the KPI rests on monthly or period totals'
            -- a deadline KPI also lands here while every item of the period is still open before its deadline
            else 'no input rows for this KPI and period, or none decided yet (see docs/kpi_inputs.yml)'
        end as not_available_reason
    from values_rolled_up
    full outer join centre_spine
        on
            values_rolled_up.metric_id = centre_spine.metric_id
            and values_rolled_up.period_grain = centre_spine.period_grain
            and values_rolled_up.period_start = centre_spine.period_start
            and values_rolled_up.dimension_name = centre_spine.dimension_name
            and values_rolled_up.dimension_value = centre_spine.dimension_value
    left join grains_computed
        on
            centre_spine.metric_id = grains_computed.metric_id
            and centre_spine.period_grain = grains_computed.period_grain
    left join unsupported_kpis
        on centre_spine.metric_id = unsupported_kpis.metric_id
),

with_targets as (
    select
        completed.*,
        registry.unit,
        registry.direction,
        -- a slice's own target (a queue's service goal, an agent's tenure target) replaces the centre's
        case when slice_targets.metric_id is null then targets.target_operator else slice_targets.target_operator end
            as target_operator,
        case when slice_targets.metric_id is null then targets.target_value else slice_targets.target_value end
            as target_value,
        case when slice_targets.metric_id is null then targets.target_low else slice_targets.target_low end
            as target_low,
        case when slice_targets.metric_id is null then targets.target_high else slice_targets.target_high end
            as target_high
    from completed
    inner join registry
        on completed.metric_id = registry.metric_id
    left join slice_targets
        on
            completed.metric_id = slice_targets.metric_id
            and completed.period_grain = slice_targets.period_grain
            and completed.period_start = slice_targets.period_start
            and completed.dimension_name = slice_targets.dimension_name
            and completed.dimension_value = slice_targets.dimension_value
    left join targets
        on
            completed.metric_id = targets.metric_id
            and completed.period_start >= targets.effective_from_date
            and (targets.effective_to_date is null or completed.period_start <= targets.effective_to_date)
),

compared as (
    select
        current_period.*,
        previous_period.value as previous_period_value,
        last_year.value as same_period_last_year_value
    from with_targets as current_period
    left join with_targets as previous_period
        on
            current_period.metric_id = previous_period.metric_id
            and current_period.period_grain = previous_period.period_grain
            and current_period.dimension_name = previous_period.dimension_name
            and current_period.dimension_value = previous_period.dimension_value
            and previous_period.period_start = {{ previous_period_start_by_grain('current_period.period_grain', 'current_period.period_start') }}
    left join with_targets as last_year
        on
            current_period.metric_id = last_year.metric_id
            and current_period.period_grain = last_year.period_grain
            and current_period.dimension_name = last_year.dimension_name
            and current_period.dimension_value = last_year.dimension_value
            and last_year.period_start = {{ same_period_last_year_start_by_grain('current_period.period_grain', 'current_period.period_start') }}
),

-- a period the extracts cover only in part (trailing or leading month, a day cut off) is never a headline
with_coverage as (
    select
        compared.*,
        coalesce(periods_covered.is_complete_period, false) as is_complete_period,
        coalesce(periods_covered.is_latest_complete_period, false) as is_latest_complete_period
    from compared
    left join periods_covered
        on
            compared.period_grain = periods_covered.period_grain
            and compared.period_start = periods_covered.period_start
),

-- the observations behind a value: its denominator when that counts contacts, responses or items (not seconds,
-- money or headcount); too few of them for the unit's minimum (var low_sample_min_observations) is a low sample
with_sample_size as (
    select
        *,
        case
            when
                value is not null
                and metric_id not in ({{ quoted_list(var('kpis_without_observation_count')) }})
                and unit in ({{ quoted_list(var('low_sample_min_observations').keys() | list) }})
                then cast(denominator as {{ dbt.type_bigint() }})
        end as observation_count
    from with_coverage
),

with_sample_flag as (
    select
        *,
        case unit
            {%- for unit, minimum in var('low_sample_min_observations').items() %}
                when '{{ unit }}' then coalesce(observation_count < {{ minimum }}, false)
            {%- endfor %}
            else false
        end as is_low_sample
    from with_sample_size
),

final as (
    select
        metric_id,
        period_grain,
        period_start,
        dimension_name,
        dimension_value,
        numerator,
        denominator,
        value,
        unit,
        direction,
        is_additive,
        target_operator,
        target_value,
        target_low,
        target_high,
        case
            when value is null or target_operator is null then null
            when target_operator = '>=' then value >= target_value
            when target_operator = '<=' then value <= target_value
            when target_operator = 'between' then value between target_low and target_high
        end as meets_target,
        previous_period_value,
        value - previous_period_value as change_from_previous_period,
        same_period_last_year_value,
        value - same_period_last_year_value as change_from_same_period_last_year,
        not_available_reason,
        is_complete_period,
        is_latest_complete_period,
        observation_count,
        is_low_sample
    from with_sample_flag
)

select * from final
