{#- Small SQL-writing helpers used across models, tests and analyses. -#}

{% macro count_where(condition) -%}
    {#- rows meeting a boolean condition (null counts as not met) -#}
    sum(case when {{ condition }} then 1 else 0 end)
{%- endmacro %}


{% macro quoted_list(values) -%}
    {#- a list var as SQL string literals for an in (...) list -#}
    '{{ values | join("', '") }}'
{%- endmacro %}
