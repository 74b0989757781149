{% macro kpi_value(numerator, denominator) -%}
    {#- The one place a KPI value is derived: a pure count has no denominator; a zero denominator gives null
        (the row then carries a not_available_reason), never 0. -#}
    case
        when {{ denominator }} is null then {{ numerator }}
        when {{ denominator }} = 0 then null
        else {{ numerator }} / {{ denominator }}
    end
{%- endmacro %}
