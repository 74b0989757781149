{#- Raw extract text cast to integer, float, date or timestamp, null when the text does not read as one.
    DuckDB's try_cast (see duckdb__safe_cast) is the reference. PostgreSQL 15 has no non-failing cast: there the
    staging parsers call functions that `dbt run-operation prepare_engine --target postgres` creates once per
    database (create_engine_functions), which match DuckDB on the extracts' shapes: decimals round to
    integers, dates and timestamps must be digits (PostgreSQL also reads words such as 'yesterday' and day-first
    dates, which DuckDB rejects). -#}
{% macro try_cast_text(text_expr, data_type) -%}
    {{ return(adapter.dispatch('try_cast_text', 'contact_centre_kpi')(text_expr, data_type)) }}
{%- endmacro %}

{% macro default__try_cast_text(text_expr, data_type) -%}
    {{ dbt.safe_cast(text_expr, data_type) }}
{%- endmacro %}

{% macro postgres__try_cast_text(text_expr, data_type) -%}
    {{ target.schema }}.try_cast_{{ data_type | replace(' ', '_') }}({{ text_expr }})
{%- endmacro %}

{#- Spark 4 casts in ANSI mode (an unreadable value raises); its try_cast returns null. Run on zero rows only. -#}
{% macro spark__try_cast_text(text_expr, data_type) -%}
    try_cast({{ text_expr }} as {{ data_type }})
{%- endmacro %}


{% macro create_engine_functions() -%}
    {{ return(adapter.dispatch('create_engine_functions', 'contact_centre_kpi')()) }}
{%- endmacro %}

{% macro default__create_engine_functions() -%}
{%- endmacro %}

{% macro postgres__create_engine_functions() -%}
    {%- set date_shape = '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?$' -%}
    {%- set casts = {
        'integer': 'cast(cast(value as numeric) as integer)',
        'float': 'cast(value as float)',
        'date': "case when value ~ '" ~ date_shape ~ "' then cast(value as date) end",
        'timestamp': "case when value ~ '" ~ date_shape ~ "' then cast(value as timestamp) end",
    } -%}
    {%- set statements = ['create schema if not exists ' ~ target.schema] -%}
    {%- for data_type, expression in casts.items() -%}
        {%- do statements.append(
            'create or replace function ' ~ target.schema ~ '.try_cast_' ~ data_type ~ '(value text) returns '
            ~ data_type ~ ' language plpgsql immutable as $$ begin return ' ~ expression
            ~ '; exception when others then return null; end $$'
        ) -%}
    {%- endfor -%}
    {%- do run_query(statements | join(';\n')) -%}
    {%- do log('created ' ~ target.schema ~ '.try_cast_{' ~ casts.keys() | join(', ') ~ '}', info=true) -%}
{%- endmacro %}
