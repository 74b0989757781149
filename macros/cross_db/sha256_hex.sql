{% macro sha256_hex(text_expr) -%}
    {{ return(adapter.dispatch('sha256_hex', 'contact_centre_kpi')(text_expr)) }}
{%- endmacro %}

{% macro default__sha256_hex(text_expr) -%}
    sha256({{ text_expr }})
{%- endmacro %}

{% macro postgres__sha256_hex(text_expr) -%}
    encode(sha256(convert_to({{ text_expr }}, 'UTF8')), 'hex')
{%- endmacro %}

{% macro spark__sha256_hex(text_expr) -%}
    sha2({{ text_expr }}, 256)
{%- endmacro %}
