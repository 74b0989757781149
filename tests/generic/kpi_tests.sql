{#- Generic tests for the long KPI table. Each returns the offending rows. -#}

{% test ratio_in_unit_interval(model, column_name, unit_column='unit') %}
    {#- every KPI whose unit is 'ratio' lies in [0, 1], except the ones the catalogue defines as unbounded -#}
    select *
    from {{ model }}
    where
        {{ unit_column }} = 'ratio'
        and metric_id not in ({{ quoted_list(var('unbounded_ratio_metrics')) }})
        and ({{ column_name }} < 0 or {{ column_name }} > 1)
{% endtest %}


{% test numerator_not_above_denominator(model) %}
    {#- a share cannot count more cases than its base -#}
    select *
    from {{ model }}
    where
        unit = 'ratio'
        and metric_id not in ({{ quoted_list(var('unbounded_ratio_metrics')) }})
        and numerator > denominator
{% endtest %}


{% test value_matches_ratio(model) %}
    {#- value is numerator / denominator (or the numerator of a pure count), recomputed independently -#}
    select *
    from {{ model }}
    where
        (denominator is not null and denominator <> 0 and abs(value - numerator / denominator) > 1e-9 * (1 + abs(value)))
        or (denominator is null and numerator is not null and abs(value - numerator) > 1e-9 * (1 + abs(value)))
        or (denominator = 0 and value is not null)
{% endtest %}


{% test rollup_consistent(model, fine_grain='day', coarse_grain='month') %}
    {#- additive KPIs: the coarse period's numerator and denominator are the sums over its fine periods -#}
    with

    fine as (
        select
            metric_id,
            dimension_name,
            dimension_value,
            {{ period_start(coarse_grain, 'period_start') }} as coarse_start,
            sum(numerator) as numerator,
            sum(denominator) as denominator
        from {{ model }}
        where period_grain = '{{ fine_grain }}' and is_additive
        group by 1, 2, 3, 4
    ),

    coarse as (
        select * from {{ model }}
        where period_grain = '{{ coarse_grain }}' and is_additive
    )

    select coarse.*
    from coarse
    inner join fine
        on coarse.metric_id = fine.metric_id
        and coarse.dimension_name = fine.dimension_name
        and coarse.dimension_value = fine.dimension_value
        and coarse.period_start = fine.coarse_start
    where
        abs(coalesce(coarse.numerator, 0) - coalesce(fine.numerator, 0)) > 1e-6 * (1 + abs(coalesce(fine.numerator, 0)))
        or abs(coalesce(coarse.denominator, 0) - coalesce(fine.denominator, 0))
        > 1e-6 * (1 + abs(coalesce(fine.denominator, 0)))
{% endtest %}


{% test every_registry_metric_present(model, registry) %}
    {#- every catalogue id has at least one row (a null with a reason counts) once there is any period at all -#}
    {#- registry is read through a subquery: under --empty a ref renders as an aliased subquery itself -#}
    select registry.metric_id
    from (select metric_id from {{ registry }}) as registry
    left join (select distinct metric_id from {{ model }}) as present
        on registry.metric_id = present.metric_id
    where present.metric_id is null and exists (select 1 from {{ model }})
{% endtest %}


{% test null_value_has_reason(model) %}
    select *
    from {{ model }}
    where value is null and not_available_reason is null
{% endtest %}
