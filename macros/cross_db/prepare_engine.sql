{#- `dbt run-operation prepare_engine --args '{statements: [...]}'`: runs the given DDL (scripts/portability.py
    passes the raw extract tables of the contract), then creates the engine's helper functions. Through dbt rather
    than a client library because Spark's in-process session and its metastore are only reachable from dbt's own
    process; the same path serves PostgreSQL. -#}
{% macro prepare_engine(statements=[]) -%}
    {%- for statement in statements -%}
        {%- do run_query(statement) -%}
    {%- endfor -%}
    {%- do create_engine_functions() -%}
    {%- do log(statements | length ~ ' statements run on ' ~ target.type, info=true) -%}
{%- endmacro %}
