{#- Regular expressions differ per engine; patterns passed here avoid backslashes so they read the same everywhere. -#}

{% macro regex_matches(text_expr, pattern) -%}
    {{ return(adapter.dispatch('regex_matches', 'contact_centre_kpi')(text_expr, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(text_expr, pattern) -%}
    regexp_matches({{ text_expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro postgres__regex_matches(text_expr, pattern) -%}
    ({{ text_expr }} ~ '{{ pattern }}')
{%- endmacro %}

{% macro spark__regex_matches(text_expr, pattern) -%}
    ({{ text_expr }} rlike '{{ pattern }}')
{%- endmacro %}


{% macro regex_extract(text_expr, pattern, group) -%}
    {{ return(adapter.dispatch('regex_extract', 'contact_centre_kpi')(text_expr, pattern, group)) }}
{%- endmacro %}

{% macro default__regex_extract(text_expr, pattern, group) -%}
    regexp_extract({{ text_expr }}, '{{ pattern }}', {{ group }})
{%- endmacro %}

{% macro postgres__regex_extract(text_expr, pattern, group) -%}
    (regexp_match({{ text_expr }}, '{{ pattern }}'))[{{ group }}]
{%- endmacro %}


{% macro regex_replace(text_expr, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace', 'contact_centre_kpi')(text_expr, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace(text_expr, pattern, replacement) -%}
    regexp_replace({{ text_expr }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regex_replace(text_expr, pattern, replacement) -%}
    regexp_replace({{ text_expr }}, '{{ pattern }}', '{{ replacement }}')
{%- endmacro %}
