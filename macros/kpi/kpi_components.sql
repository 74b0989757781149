{#-
    KPI components: the rows every KPI family model produces and fct_kpi_values rolls up.
    Columns: metric_id, period_grain, period_start, dimension_name, dimension_value, numerator, denominator,
    is_additive, not_available_reason.
      is_additive = true   day rows only; numerator and denominator are sums, so every coarser grain is
                           sum(numerator) / sum(denominator) of its days (never an average of ratios)
      is_additive = false  the family supplies every grain itself (distinct counts, maxima, stocks)
-#}

{% macro kpi_components(relation, metric_id, date_column, numerator, denominator=none, dimensions={},
                        where=none, is_additive=true) %}
    {#- numerator and denominator are aggregate expressions over `relation`; dimensions maps a dimension name
        (channel, queue, skill, priority, team, agent, inquiry_category) to the column holding its value; skill and
        priority are the queue's attributes (telephony.queues). -#}
    {%- set slices = [('centre', none)] + (dimensions.items() | list) -%}
    {%- set grains = ['day'] if is_additive else kpi_grains() -%}
    {%- for dimension_name, dimension_column in slices -%}
        {%- for grain in grains %}
    select
        '{{ metric_id }}' as metric_id,
        '{{ grain }}' as period_grain,
        {{ period_start(grain, date_column) }} as period_start,
        '{{ dimension_name }}' as dimension_name,
        {{ "'all'" if dimension_column is none else dbt.safe_cast(dimension_column, dbt.type_string()) }}
            as dimension_value,
        cast({{ numerator }} as {{ dbt.type_float() }}) as numerator,
        cast({{ denominator if denominator is not none else 'null' }} as {{ dbt.type_float() }}) as denominator,
        {{ 'true' if is_additive else 'false' }} as is_additive,
        cast(null as {{ dbt.type_string() }}) as not_available_reason
    from {{ relation }}
    where {{ date_column }} is not null
        {%- if dimension_column is not none %} and {{ dimension_column }} is not null{% endif %}
        {%- if where %} and ({{ where }}){% endif %}
    group by 1, 2, 3, 4, 5
            {%- if not loop.last %}
    union all
            {%- endif -%}
        {%- endfor -%}
        {%- if not loop.last %}
    union all
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}


{% macro kpi_component_models() %}
    {#- Every model that produces KPI components; fct_kpi_values unions them. -#}
    {{ return([
        'int_access_kpis_computed',
        'int_phone_efficiency_kpis_computed',
        'int_workforce_kpis_computed',
        'int_outbound_kpis_computed',
        'int_digital_kpis_computed',
        'int_resolution_kpis_computed',
        'int_complaints_kpis_computed',
        'int_contact_volume_kpis_computed',
        'int_quality_kpis_computed',
        'int_customer_experience_kpis_computed',
        'int_employee_kpis_computed',
        'int_customer_crm_kpis_computed',
        'int_finance_kpis_computed',
        'int_data_quality_kpis_computed',
    ]) }}
{% endmacro %}


{% macro empty_kpi_components() %}
    {#- zero rows with the component columns, for a family whose sources are not wired yet -#}
    select
        cast(null as {{ dbt.type_string() }}) as metric_id,
        cast(null as {{ dbt.type_string() }}) as period_grain,
        cast(null as date) as period_start,
        cast(null as {{ dbt.type_string() }}) as dimension_name,
        cast(null as {{ dbt.type_string() }}) as dimension_value,
        cast(null as {{ dbt.type_float() }}) as numerator,
        cast(null as {{ dbt.type_float() }}) as denominator,
        true as is_additive,
        cast(null as {{ dbt.type_string() }}) as not_available_reason
    where 1 = 0
{% endmacro %}


{% macro kpi_slices(names, columns={}) %}
    {#- dimensions= argument of kpi_components for the named slices, with the warehouse's usual column names
        unless `columns` says otherwise (e.g. {'channel': 'contact_channel'}) -#}
    {%- set usual = {
        'channel': 'channel', 'queue': 'queue_id', 'agent': 'agent_id', 'team': 'team_id',
        'inquiry_category': 'inquiry_category', 'skill': 'queue_skill', 'priority': 'queue_priority',
    } -%}
    {%- set slices = {} -%}
    {%- for name in names -%}
        {%- do slices.update({name: columns.get(name, usual[name])}) -%}
    {%- endfor -%}
    {{ return(slices) }}
{% endmacro %}
