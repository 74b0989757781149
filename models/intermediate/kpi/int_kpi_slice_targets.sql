{#- Targets that belong to a slice rather than to the centre; fct_kpi_values prefers them over seed kpi_targets.
    - service_level per queue: the queue's own goal (wfm.service_goals.service_level_target valid on the period's
      first day, else var service_level_target), the same goal whose answer_within_seconds the numerator uses.
    - contacts_per_agent_day per agent: document 001's tenure targets (seed kpi_targets_by_tenure): new while the
      agent's tenure on the period's first day is below var new_agent_tenure_days, experienced from then on. -#}
with

kpi_values as (
    select * from {{ ref('int_kpi_values_rolled_up') }}
),

service_goals as (
    select * from {{ ref('stg_wfm__service_goals') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

tenure_targets as (
    select * from {{ ref('kpi_targets_by_tenure') }}
),

queue_rows as (
    select
        metric_id,
        period_grain,
        period_start,
        dimension_name,
        dimension_value
    from kpi_values
    where
        metric_id = 'service_level'
        and dimension_name = 'queue'
),

queue_targets as (
    select
        queue_rows.*,
        '>=' as target_operator,
        coalesce(service_goals.service_level_target, {{ var('service_level_target') }}) as target_value,
        cast(null as {{ dbt.type_float() }}) as target_low,
        cast(null as {{ dbt.type_float() }}) as target_high
    from queue_rows
    left join service_goals
        on
            queue_rows.dimension_value = service_goals.queue_id
            and queue_rows.period_start >= service_goals.valid_from_date
            and (service_goals.valid_to_date is null or queue_rows.period_start <= service_goals.valid_to_date)
),

agent_tenures as (
    select
        kpi_values.metric_id,
        kpi_values.period_grain,
        kpi_values.period_start,
        kpi_values.dimension_name,
        kpi_values.dimension_value,
        {{ dbt.datediff('employees.hired_date', 'kpi_values.period_start', 'day') }} as tenure_days
    from kpi_values
    inner join employees
        on kpi_values.dimension_value = employees.employee_id
    where
        kpi_values.metric_id = 'contacts_per_agent_day'
        and kpi_values.dimension_name = 'agent'
        and employees.hired_date is not null
),

agent_tenure_bands as (
    select
        *,
        case when tenure_days < {{ var('new_agent_tenure_days') }} then 'new' else 'experienced' end as tenure_band
    from agent_tenures
),

agent_targets as (
    select
        agent_tenure_bands.metric_id,
        agent_tenure_bands.period_grain,
        agent_tenure_bands.period_start,
        agent_tenure_bands.dimension_name,
        agent_tenure_bands.dimension_value,
        tenure_targets.target_operator,
        tenure_targets.target_value,
        tenure_targets.target_low,
        tenure_targets.target_high
    from agent_tenure_bands
    inner join tenure_targets
        on
            agent_tenure_bands.metric_id = tenure_targets.metric_id
            and agent_tenure_bands.tenure_band = tenure_targets.tenure_band
            and agent_tenure_bands.period_start >= tenure_targets.effective_from_date
            and (
                tenure_targets.effective_to_date is null
                or agent_tenure_bands.period_start <= tenure_targets.effective_to_date
            )
),

final as (
    select * from queue_targets
    union all
    select * from agent_targets
)

select * from final
