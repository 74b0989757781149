{#- Agent state classes of docs/kpi_inputs.yml (definitions handling_state, available_state). -#}

{% macro is_handling_state(state_column) -%}
    ({{ state_column }} in ('on_contact', 'hold', 'after_call_work'))
{%- endmacro %}


{% macro is_available_state(state_column) -%}
    {#- signed in and taking work: handling or ready -#}
    ({{ state_column }} in ('ready', 'on_contact', 'hold', 'after_call_work'))
{%- endmacro %}
