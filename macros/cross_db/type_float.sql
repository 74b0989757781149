{#- dbt's type_float() renders "float", which is double precision on Postgres, Snowflake and BigQuery but a 4-byte
    REAL on DuckDB: KPI components cast through it kept only ~7 significant digits (money sums, averaged headcounts).
    DuckDB gets a double, like the other engines. -#}
{% macro duckdb__type_float() -%}
    double
{%- endmacro %}
