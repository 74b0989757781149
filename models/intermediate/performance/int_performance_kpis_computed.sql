{#- KPIs computed from other KPIs: target attainment, the core KPI index, the agent scorecard score, the employee
    performance index and the customer management index. Rows carry the component columns plus value. An input KPI
    the extracts cannot support (int_kpis_unsupported_by_extracts) is never silently left out: its attainment row
    and the centre rows computed over it are null with a reason naming it. -#}
with

kpi_values as (
    select * from {{ ref('int_kpi_values_rolled_up') }}
),

targets as (
    select * from {{ ref('kpi_targets') }}
),

baselines as (
    select * from {{ ref('kpi_baselines') }}
),

core_kpis as (
    select * from {{ ref('core_kpis') }}
),

scorecard as (
    select * from {{ ref('agent_scorecard') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

performance_reviews as (
    select * from {{ ref('stg_hr__performance_reviews') }}
),

unsupported_kpis as (
    select * from {{ ref('int_kpis_unsupported_by_extracts') }}
),

centre_values as (
    select *
    from kpi_values
    where
        dimension_name = 'centre'
        and value is not null
        and period_grain in ({{ quoted_list(var('scorecard_grains')) }})
),

-- 指标达标率 = (this year's actual - last year's actual) / (this year's target - last year's actual);
-- last year's actual is the same period a year earlier, or the configured baseline when the extracts lack it
attainment_inputs as (
    select
        centre_values.metric_id,
        centre_values.period_grain,
        centre_values.period_start,
        centre_values.value as actual_value,
        targets.target_value,
        coalesce(last_year.value, baselines.baseline_value) as last_year_value
    from centre_values
    inner join targets
        on
            centre_values.metric_id = targets.metric_id
            and targets.target_operator in ('>=', '<=')
            and centre_values.period_start >= targets.effective_from_date
            and (targets.effective_to_date is null or centre_values.period_start <= targets.effective_to_date)
    left join kpi_values as last_year
        on
            centre_values.metric_id = last_year.metric_id
            and centre_values.period_grain = last_year.period_grain
            and last_year.dimension_name = 'centre'
            and last_year.period_start = {{ same_period_last_year_start_by_grain('centre_values.period_grain', 'centre_values.period_start') }}
    left join baselines
        on
            centre_values.metric_id = baselines.metric_id
            and baselines.baseline_year = extract(year from centre_values.period_start) - 1
),

kpi_attainment as (
    select
        'target_attainment_rate' as metric_id,
        period_grain,
        period_start,
        'kpi' as dimension_name,
        metric_id as dimension_value,
        actual_value - last_year_value as numerator,
        target_value - last_year_value as denominator
    from attainment_inputs
    where last_year_value is not null
),

kpi_attainment_valued as (
    select
        *,
        {{ kpi_value('numerator', 'denominator') }} as value
    from kpi_attainment
),

attainment_periods as (
    select distinct
        period_grain,
        period_start
    from kpi_attainment
),

-- a targeted KPI the extracts cannot support has a null attainment in every period attainment is reported for
unavailable_attainment as (
    select
        'target_attainment_rate' as metric_id,
        attainment_periods.period_grain,
        attainment_periods.period_start,
        'kpi' as dimension_name,
        unsupported_kpis.metric_id as dimension_value,
        {{ dbt.concat(["'input KPI '", 'unsupported_kpis.metric_id', "' is not available ('",
                       'unsupported_kpis.not_available_reason', "')'"]) }} as not_available_reason
    from unsupported_kpis
    cross join attainment_periods
    inner join targets
        on
            unsupported_kpis.metric_id = targets.metric_id
            and targets.target_operator in ('>=', '<=')
            and attainment_periods.period_start >= targets.effective_from_date
            and (targets.effective_to_date is null or attainment_periods.period_start <= targets.effective_to_date)
),

-- the centre's attainment share and the core index are not computed over the KPIs that remain when one is missing
unavailable_centre_inputs as (
    select
        'target_attainment_rate' as metric_id,
        period_grain,
        period_start,
        dimension_value
    from unavailable_attainment
    union all
    select
        'core_kpi_attainment_index' as metric_id,
        unavailable_attainment.period_grain,
        unavailable_attainment.period_start,
        unavailable_attainment.dimension_value
    from unavailable_attainment
    inner join core_kpis
        on unavailable_attainment.dimension_value = core_kpis.metric_id
),

input_gaps as (
    select
        metric_id,
        period_grain,
        period_start,
        dimension_name,
        dimension_value,
        not_available_reason
    from unavailable_attainment
    union all
    select
        metric_id,
        period_grain,
        period_start,
        'centre' as dimension_name,
        'all' as dimension_value,
        {{ dbt.concat([
            "'input KPIs not available from the extracts: '",
            dbt.listagg('dimension_value', "', '", 'order by dimension_value'),
            "' (see their rows)'",
        ]) }} as not_available_reason
    from unavailable_centre_inputs
    group by 1, 2, 3
),

-- centre row: the share of KPIs whose attainment reached 100 % (the per-KPI rates are in the 'kpi' slice)
attainment_summary as (
    select
        'target_attainment_rate' as metric_id,
        period_grain,
        period_start,
        'centre' as dimension_name,
        'all' as dimension_value,
        sum(case when value >= 1 then 1 else 0 end) as numerator,
        count(*) as denominator
    from kpi_attainment_valued
    where value is not null
    group by 1, 2, 3, 4, 5
),

-- 核心客户服务管理指标达标率 = AVERAGE of the core KPIs' attainment rates, as the document defines it
core_index as (
    select
        'core_kpi_attainment_index' as metric_id,
        kpi_attainment_valued.period_grain,
        kpi_attainment_valued.period_start,
        'centre' as dimension_name,
        'all' as dimension_value,
        sum(kpi_attainment_valued.value) as numerator,
        count(*) as denominator
    from kpi_attainment_valued
    inner join core_kpis
        on kpi_attainment_valued.dimension_value = core_kpis.metric_id
    where kpi_attainment_valued.value is not null
    group by 1, 2, 3, 4, 5
),

agent_values as (
    select
        kpi_values.*,
        employees.role
    from kpi_values
    inner join employees
        on kpi_values.dimension_value = employees.employee_id
    where
        kpi_values.dimension_name = 'agent'
        and kpi_values.period_grain in ({{ quoted_list(var('scorecard_grains')) }})
),

-- each weighted KPI's position on the line from its floor (0) to its stretch value (1); floor and stretch are on the
-- KPI's own scale, so the same division serves lower-is-better KPIs (floor above stretch)
kpi_positions as (
    select
        agent_values.period_grain,
        agent_values.period_start,
        agent_values.dimension_value as agent_id,
        agent_values.metric_id,
        scorecard.scoring_method,
        scorecard.weight,
        scorecard.points_per_unit,
        agent_values.value,
        (agent_values.value - scorecard.floor_value) / (scorecard.stretch_value - scorecard.floor_value)
            as value_position,
        (targets.target_value - scorecard.floor_value) / (scorecard.stretch_value - scorecard.floor_value)
            as target_position
    from agent_values
    inner join scorecard
        on
            agent_values.role = scorecard.role
            and agent_values.metric_id = scorecard.metric_id
    left join targets
        on
            agent_values.metric_id = targets.metric_id
            and targets.target_operator in ('>=', '<=')
            and agent_values.period_start >= targets.effective_from_date
            and (targets.effective_to_date is null or agent_values.period_start <= targets.effective_to_date)
),

-- KPI score 0-1: floor_stretch is the straight line; floor_target_stretch reaches var scorecard_points_at_target
-- at the target and keeps rising to the stretch value, so agents above target still differ (an incomplete rule
-- gives null, which test assert_agent_scorecard_kpis_have_a_scoring_rule fails)
scored_kpis as (
    select
        *,
        case
            when scoring_method = 'floor_stretch'
                then greatest(0.0, least(1.0, value_position))
            when scoring_method = 'floor_target_stretch' and value_position <= target_position
                then greatest(0.0, {{ var('scorecard_points_at_target') }} * value_position / target_position)
            when scoring_method = 'floor_target_stretch'
                then least(
                    1.0,
                    {{ var('scorecard_points_at_target') }}
                    + (1 - {{ var('scorecard_points_at_target') }})
                    * (value_position - target_position) / (1 - target_position)
                )
        end as kpi_score
    from kpi_positions
),

agent_points as (
    select
        period_grain,
        period_start,
        agent_id,
        sum(case when kpi_score is not null then weight * kpi_score end) as weighted_score,
        sum(case when kpi_score is not null then weight end) as scored_weight,
        coalesce(sum(case when scoring_method = 'negative_points' then value * points_per_unit end), 0)
            as deducted_points
    from scored_kpis
    group by 1, 2, 3
),

-- weighted score out of 100 over the KPIs that have a value, minus the negative points (负分法: points per valid
-- complaint charged to the agent at fault); denominator = the scorecard weight actually measured
agent_scores as (
    select
        'agent_performance_score' as metric_id,
        period_grain,
        period_start,
        'agent' as dimension_name,
        agent_id as dimension_value,
        100 * weighted_score - deducted_points * scored_weight as numerator,
        scored_weight as denominator
    from agent_points
    where scored_weight > 0
),

performance_factors as (
    select
        quality.period_grain,
        quality.period_start,
        quality.dimension_value as agent_id,
        (quality.value - {{ var('employee_performance_normalisation')['qa_score']['low'] }})
        / (
            {{ var('employee_performance_normalisation')['qa_score']['high'] }}
            - {{ var('employee_performance_normalisation')['qa_score']['low'] }}
        ) as quality_factor,
        least(1.0, targets.target_value / nullif(efficiency.value, 0)) as efficiency_factor
    from agent_values as quality
    inner join agent_values as efficiency
        on
            quality.period_grain = efficiency.period_grain
            and quality.period_start = efficiency.period_start
            and quality.dimension_value = efficiency.dimension_value
            and efficiency.metric_id = 'average_handle_time'
    inner join targets
        on
            targets.metric_id = 'average_handle_time'
            and quality.period_start >= targets.effective_from_date
            and (targets.effective_to_date is null or quality.period_start <= targets.effective_to_date)
    where quality.metric_id = 'qa_average_score'
),

potential as (
    {%- for grain in var('scorecard_grains') %}
        select
            '{{ grain }}' as period_grain,
            {{ period_start(grain, 'review_month_date') }} as period_start,
            employee_id as agent_id,
            (avg(potential_rating) - {{ var('employee_performance_normalisation')['potential_rating']['low'] }})
            / (
                {{ var('employee_performance_normalisation')['potential_rating']['high'] }}
                - {{ var('employee_performance_normalisation')['potential_rating']['low'] }}
            ) as potential_factor
        from performance_reviews
        group by 1, 2, 3
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

-- 员工绩效 = quality x efficiency x potential, each scaled to 0-1, shown on 0-10
performance_index as (
    select
        'employee_performance_index' as metric_id,
        performance_factors.period_grain,
        performance_factors.period_start,
        'agent' as dimension_name,
        performance_factors.agent_id as dimension_value,
        10 * performance_factors.quality_factor * performance_factors.efficiency_factor
        * potential.potential_factor as numerator,
        cast(null as {{ dbt.type_float() }}) as denominator
    from performance_factors
    inner join potential
        on
            performance_factors.period_grain = potential.period_grain
            and performance_factors.period_start = potential.period_start
            and performance_factors.agent_id = potential.agent_id
),

-- centre rows of agent-level indices: the mean over agents (sum of agent values / agents)
agent_index_centre as (
    select
        metric_id,
        period_grain,
        period_start,
        'centre' as dimension_name,
        'all' as dimension_value,
        sum({{ kpi_value('numerator', 'denominator') }}) as numerator,
        count(*) as denominator
    from (
        select * from agent_scores
        union all
        select * from performance_index
    ) as agent_indices
    group by 1, 2, 3, 4, 5
),

-- CMI = customer satisfaction on a 0-10 scale x customer loyalty rate
customer_management_index as (
    select
        'customer_management_index' as metric_id,
        satisfaction.period_grain,
        satisfaction.period_start,
        'centre' as dimension_name,
        'all' as dimension_value,
        (satisfaction.value - {{ var('cmi_csat_scale')['low'] }})
        / ({{ var('cmi_csat_scale')['high'] }} - {{ var('cmi_csat_scale')['low'] }}) * 10
        * loyalty.value as numerator,
        cast(null as {{ dbt.type_float() }}) as denominator
    from centre_values as satisfaction
    inner join centre_values as loyalty
        on
            satisfaction.period_grain = loyalty.period_grain
            and satisfaction.period_start = loyalty.period_start
            and loyalty.metric_id = 'customer_loyalty_rate'
    where satisfaction.metric_id = 'csat_average_score'
),

unioned as (
    select * from kpi_attainment
    union all
    select
        metric_id,
        period_grain,
        period_start,
        dimension_name,
        dimension_value,
        cast(null as {{ dbt.type_float() }}) as numerator,
        cast(null as {{ dbt.type_float() }}) as denominator
    from unavailable_attainment
    union all
    select * from attainment_summary
    union all
    select * from core_index
    union all
    select * from agent_scores
    union all
    select * from performance_index
    union all
    select * from agent_index_centre
    union all
    select * from customer_management_index
),

-- a KPI of KPIs the extracts cannot support, or a row over an unavailable input, keeps no components
gaps_flagged as (
    select
        unioned.*,
        coalesce(unsupported_kpis.not_available_reason, input_gaps.not_available_reason) as input_gap_reason
    from unioned
    left join unsupported_kpis
        on unioned.metric_id = unsupported_kpis.metric_id
    left join input_gaps
        on
            unioned.metric_id = input_gaps.metric_id
            and unioned.period_grain = input_gaps.period_grain
            and unioned.period_start = input_gaps.period_start
            and unioned.dimension_name = input_gaps.dimension_name
            and unioned.dimension_value = input_gaps.dimension_value
),

final as (
    select
        metric_id,
        period_grain,
        period_start,
        dimension_name,
        dimension_value,
        cast(case when input_gap_reason is null then numerator end as {{ dbt.type_float() }}) as numerator,
        cast(case when input_gap_reason is null then denominator end as {{ dbt.type_float() }}) as denominator,
        case when input_gap_reason is null then {{ kpi_value('numerator', 'denominator') }} end as value,
        false as is_additive,
        coalesce(
            input_gap_reason,
            case when denominator = 0 then 'denominator is zero: nothing to measure in this period and slice' end
        ) as not_available_reason,
        'int_performance_kpis_computed' as computed_in
    from gaps_flagged
)

select * from final
