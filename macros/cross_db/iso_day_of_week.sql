{% macro iso_day_of_week(date_expr) -%}
    {#- 1 = Monday ... 7 = Sunday -#}
    {{ return(adapter.dispatch('iso_day_of_week', 'contact_centre_kpi')(date_expr)) }}
{%- endmacro %}

{% macro default__iso_day_of_week(date_expr) -%}
    cast(extract(isodow from {{ date_expr }}) as {{ dbt.type_int() }})
{%- endmacro %}

{% macro spark__iso_day_of_week(date_expr) -%}
    ((dayofweek({{ date_expr }}) + 5) % 7 + 1)
{%- endmacro %}
