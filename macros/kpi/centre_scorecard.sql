{% macro centre_scorecard(period_grain) %}
    {#- One row per period, one column per catalogue KPI (centre value), for BI tools that want a wide table. -#}
    with

    kpi_values as (
        select * from {{ ref('fct_kpi_values') }}
        where period_grain = '{{ period_grain }}' and dimension_name = 'centre'
    ),

    final as (
        select
            period_start,
            {%- for metric_id in kpi_ids() %}
            max(case when metric_id = '{{ metric_id }}' then value end) as {{ metric_id }},
            {%- endfor %}
            {#- sums of integers are HUGEINT on DuckDB; the enforced contract says bigint on every engine #}
            cast(sum(case when meets_target then 1 else 0 end) as {{ dbt.type_bigint() }}) as kpis_meeting_target,
            cast(
                sum(case when meets_target is not null then 1 else 0 end) as {{ dbt.type_bigint() }}
            ) as kpis_with_target_and_value,
            {{ dbt.listagg("case when is_low_sample then metric_id end", "', '", "order by metric_id") }}
                as low_sample_metric_ids,
            {#- every KPI row of a period carries the same completeness (int_reporting_periods_spanned) #}
            min(case when is_complete_period then 1 else 0 end) = 1 as is_complete_period,
            min(case when is_latest_complete_period then 1 else 0 end) = 1 as is_latest_complete_period
        from kpi_values
        group by period_start
    )

    select * from final
{% endmacro %}
