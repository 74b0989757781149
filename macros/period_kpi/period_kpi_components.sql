{#-
    KPI components from a relation that is already one row per period (period_grain, period_start) and slice:
    stocks such as headcounts and customer bases, whose numerator and denominator are measured per period and so
    cannot be rolled up from days. Emits the kpi_components columns with is_additive = false, for the grains the
    relation holds. numerator and denominator are aggregate expressions over the relation's rows; dimensions maps a
    dimension name to the column holding its value, as in kpi_components.
-#}

{% macro period_kpi_components(relation, metric_id, numerator, denominator=none, dimensions={}, where=none) %}
    {%- set slices = [('centre', none)] + (dimensions.items() | list) -%}
    {%- for dimension_name, dimension_column in slices %}
    select
        '{{ metric_id }}' as metric_id,
        period_grain,
        period_start,
        '{{ dimension_name }}' as dimension_name,
        {{ "'all'" if dimension_column is none else dbt.safe_cast(dimension_column, dbt.type_string()) }}
            as dimension_value,
        cast({{ numerator }} as {{ dbt.type_float() }}) as numerator,
        cast({{ denominator if denominator is not none else 'null' }} as {{ dbt.type_float() }}) as denominator,
        false as is_additive,
        cast(null as {{ dbt.type_string() }}) as not_available_reason
    from {{ relation }}
    where period_start is not null
        {%- if dimension_column is not none %} and {{ dimension_column }} is not null{% endif %}
        {%- if where %} and ({{ where }}){% endif %}
    group by 1, 2, 3, 4, 5
        {%- if not loop.last %}
    union all
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}


{% macro grain_not_available_components(periods_relation, metric_ids, grains, reason) %}
    {#- Centre rows that say why a KPI has no value at a grain it is not defined for (e.g. monthly finance data at
        day grain), instead of the spine's generic "no input rows". periods_relation: int_reporting_periods_spanned;
        metric_ids: one id or a list. -#}
    {%- set metric_ids = [metric_ids] if metric_ids is string else metric_ids -%}
    {%- for metric_id in metric_ids %}
    select
        '{{ metric_id }}' as metric_id,
        period_grain,
        period_start,
        'centre' as dimension_name,
        'all' as dimension_value,
        cast(null as {{ dbt.type_float() }}) as numerator,
        cast(null as {{ dbt.type_float() }}) as denominator,
        false as is_additive,
        '{{ reason }}' as not_available_reason
    from {{ periods_relation }}
    where period_grain in ({{ quoted_list(grains) }})
        {%- if not loop.last %}
    union all
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}
