{#- dbt-duckdb inherits dbt's plain cast for safe_cast; raw extracts need unreadable values to become null. -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
