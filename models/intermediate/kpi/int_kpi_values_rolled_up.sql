{#- Additive components are day rows rolled up to every grain as sum(numerator) / sum(denominator);
    non-additive components arrive at every grain already. KPIs the extracts cannot support
    (int_kpis_unsupported_by_extracts: a required extract is empty, or var kpis_unsupported_by_extracts names the
    KPI) keep their rows but lose numerator, denominator and value, which would otherwise read as a measured 0. -#}
with

unsupported_kpis as (
    select * from {{ ref('int_kpis_unsupported_by_extracts') }}
),

components as (
    {%- for model_name in kpi_component_models() %}
        select
            *,
            '{{ model_name }}' as computed_in
        from {{ ref(model_name) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

rolled_up as (
    {%- for grain in kpi_grains() %}
        select
            metric_id,
            '{{ grain }}' as period_grain,
            {{ period_start(grain, 'period_start') }} as period_start,
            dimension_name,
            dimension_value,
            sum(numerator) as numerator,
            sum(denominator) as denominator,
            true as is_additive,
            max(not_available_reason) as not_available_reason,
            computed_in
        from components
        where is_additive and period_grain = 'day'
        group by 1, 2, 3, 4, 5, 10
        union all
    {%- endfor %}
    select
        metric_id,
        period_grain,
        period_start,
        dimension_name,
        dimension_value,
        numerator,
        denominator,
        is_additive,
        not_available_reason,
        computed_in
    from components
    where not is_additive
),

flagged as (
    select
        rolled_up.*,
        unsupported_kpis.not_available_reason as unsupported_reason
    from rolled_up
    left join unsupported_kpis
        on rolled_up.metric_id = unsupported_kpis.metric_id
),

final as (
    select
        metric_id,
        period_grain,
        period_start,
        dimension_name,
        dimension_value,
        case when unsupported_reason is null then numerator end as numerator,
        case when unsupported_reason is null then denominator end as denominator,
        case when unsupported_reason is null then {{ kpi_value('numerator', 'denominator') }} end as value,
        is_additive,
        coalesce(
            unsupported_reason,
            not_available_reason,
            case when denominator = 0 then 'denominator is zero: nothing to measure in this period and slice' end
        ) as not_available_reason,
        computed_in
    from flagged
)

select * from final
