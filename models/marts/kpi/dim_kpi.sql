with

registry as (
    select * from {{ ref('kpi_registry') }}
),

kpi_values as (
    select * from {{ ref('int_kpi_values_rolled_up') }}
    union all
    select * from {{ ref('int_performance_kpis_computed') }}
),

computing_models as (
    select
        metric_id,
        min(computed_in) as computed_in,
        max(case when is_additive then 1 else 0 end) = 1 as is_additive
    from kpi_values
    group by metric_id
),

final as (
    select
        registry.metric_id,
        registry.name_zh,
        registry.name_en,
        registry.category,
        registry.formula,
        registry.unit,
        registry.direction,
        registry.target_operator,
        registry.target_value,
        registry.target_low,
        registry.target_high,
        registry.target_details,
        registry.source_documents,
        registry.notes,
        computing_models.computed_in,
        coalesce(computing_models.is_additive, false) as is_additive
    from registry
    left join computing_models
        on registry.metric_id = computing_models.metric_id
)

select * from final
