{% test unique_combination(model, columns) %}
    {#- composite primary keys: no two rows share the same values of all the columns -#}
    select
        {{ columns | join(', ') }},
        count(*) as row_count
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endtest %}
