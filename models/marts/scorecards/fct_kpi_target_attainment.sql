{#- Per KPI and month (centre): the value against its target, last year's actual and the attainment rate
    (指标达标率); core KPIs are flagged because core_kpi_attainment_index averages them. -#}
with

kpi_values as (
    select * from {{ ref('fct_kpi_values') }}
    where period_grain = 'month'
),

core_kpis as (
    select * from {{ ref('core_kpis') }}
),

centre as (
    select * from kpi_values
    where dimension_name = 'centre'
),

attainment as (
    select
        dimension_value as metric_id,
        period_start,
        numerator as improvement,
        denominator as improvement_needed,
        value as target_attainment_rate,
        not_available_reason
    from kpi_values
    where metric_id = 'target_attainment_rate' and dimension_name = 'kpi'
),

final as (
    select
        centre.metric_id,
        centre.period_start as month_start_date,
        centre.value,
        centre.unit,
        centre.direction,
        centre.target_operator,
        centre.target_value,
        centre.target_low,
        centre.target_high,
        centre.meets_target,
        centre.same_period_last_year_value,
        attainment.improvement,
        attainment.improvement_needed,
        attainment.target_attainment_rate,
        core_kpis.metric_id is not null as is_core_kpi,
        coalesce(centre.not_available_reason, attainment.not_available_reason) as not_available_reason
    from centre
    left join attainment
        on
            centre.metric_id = attainment.metric_id
            and centre.period_start = attainment.period_start
    left join core_kpis
        on centre.metric_id = core_kpis.metric_id
    where centre.target_operator is not null
)

select * from final
