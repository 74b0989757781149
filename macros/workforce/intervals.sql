{#- Staffing intervals: 15/30-minute slots aligned to the clock hour (interval lengths divide 60, as the WFM
    forecast's interval_minutes do), so a UTC slot is also a local slot at whole-hour reporting offsets. -#}

{% macro interval_start(timestamp_expr, interval_minutes_expr) -%}
    {{ dbt.dateadd(
        'minute',
        'cast(floor(extract(minute from ' ~ timestamp_expr ~ ') / ' ~ interval_minutes_expr ~ ') * '
            ~ interval_minutes_expr ~ ' as ' ~ dbt.type_int() ~ ')',
        dbt.date_trunc('hour', timestamp_expr)
    ) }}
{%- endmacro %}


{% macro overlap_seconds(start_a, end_a, start_b, end_b) -%}
    {#- seconds two spans share; 0 when they do not meet -#}
    greatest(
        {{ dbt.datediff('greatest(' ~ start_a ~ ', ' ~ start_b ~ ')', 'least(' ~ end_a ~ ', ' ~ end_b ~ ')', 'second') }},
        0
    )
{%- endmacro %}


{% macro local_day_start_at(date_expr) -%}
    {#- the UTC instant a centre-local reporting day begins (inverse of local_date) -#}
    {{ dbt.dateadd('minute', -var('reporting_utc_offset_minutes'), 'cast(' ~ date_expr ~ ' as ' ~ dbt.type_timestamp() ~ ')') }}
{%- endmacro %}
