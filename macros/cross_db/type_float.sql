{#- `float` is a 4-byte real on DuckDB and Spark (about 7 significant digits), so KPI numerators, denominators and
    Erlang terms cast with dbt.type_float() lost precision; PostgreSQL's float is already 8 bytes. -#}
{% macro duckdb__type_float() -%}
    {{ return('double') }}
{%- endmacro %}

{% macro spark__type_float() -%}
    {{ return('double') }}
{%- endmacro %}
