{% test rows_reconcile(model) %}
    {#- nothing lost: every raw row is staged, quarantined or a dropped duplicate -#}
    select *
    from {{ model }}
    where raw_rows <> staged_rows + quarantined_rows + duplicate_rows_dropped
{% endtest %}
