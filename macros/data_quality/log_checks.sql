{#- Mechanics of the operation-log checks (int_contact_logs_checked): which timestamps a contact needs stays in
    the model. -#}

{% macro is_log_hole(log_columns, relation=none) -%}
    {#- the base-model row was quarantined for a missing, unreadable or out-of-order value of one of its log's
        timestamps: the log has a hole there. relation qualifies the columns in a join. -#}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    ({{ prefix }}row_status = 'quarantined'
    and {{ prefix }}status_reason in ('unparseable_timestamp', 'end_before_start', 'missing_required_value')
    and {{ prefix }}reason_column in ({{ quoted_list(log_columns) }}))
{%- endmacro %}


{% macro timestamps_in_order(columns) -%}
    {#- `and ...` terms: each timestamp at or after the latest earlier one that is present (blanks are left to the
        presence rules); with every earlier pair in order, the latest earlier present one is their coalesce from
        the nearest back -#}
    {%- for column in columns[1:] -%}
        {%- set earlier = columns[:loop.index] | reverse | join(', ') %}
    and ({{ column }} is null or coalesce({{ earlier }}) is null or {{ column }} >= coalesce({{ earlier }}))
    {%- endfor -%}
{%- endmacro %}
