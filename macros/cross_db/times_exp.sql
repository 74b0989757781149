{#- factor * exp(exponent) for factor >= 0. PostgreSQL raises "value out of range: underflow" where other engines
    round a tiny product to 0 (Erlang C: a small wait probability times a steep decay), so there the product is
    taken in log space and floored at exp(-700), about 1e-304: no figure the warehouse reports can tell the two apart. -#}
{% macro times_exp(factor, exponent) -%}
    {{ return(adapter.dispatch('times_exp', 'contact_centre_kpi')(factor, exponent)) }}
{%- endmacro %}

{% macro default__times_exp(factor, exponent) -%}
    {{ factor }} * exp({{ exponent }})
{%- endmacro %}

{% macro postgres__times_exp(factor, exponent) -%}
    case
        when {{ factor }} > 0 then exp(greatest(ln({{ factor }}) + ({{ exponent }}), -700))
        else 0
    end
{%- endmacro %}
