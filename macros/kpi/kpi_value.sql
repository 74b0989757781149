{% macro kpi_value(numerator, denominator) -%}
    {#- The one place a KPI value is derived: a pure count has no denominator; a zero denominator gives null
        (the row then carries a not_available_reason), never 0. -#}
    case
        when {{ denominator }} is null then {{ numerator }}
        when {{ denominator }} = 0 then null
        else {{ numerator }} / {{ denominator }}
    end
{%- endmacro %}


{% macro unsupported_kpi_reason(metric_id_column) -%}
    {#- the reason var kpis_unsupported_by_extracts gives for the KPI, else null -#}
    {%- set unsupported = var('kpis_unsupported_by_extracts') -%}
    {%- if unsupported -%}
        case {{ metric_id_column }}
        {%- for metric_id, reason in unsupported.items() %}
            when '{{ metric_id }}' then '{{ reason | replace("'", "''") }}'
        {%- endfor %}
        end
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}
