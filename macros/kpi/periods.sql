{#- Reporting periods are centre-local: a UTC timestamp is shifted by var reporting_utc_offset_minutes first. -#}

{% macro local_date(timestamp_expr) -%}
    cast({{ dbt.dateadd('minute', var('reporting_utc_offset_minutes'), timestamp_expr) }} as date)
{%- endmacro %}


{% macro kpi_grains() -%}
    {{ return(['day', 'week', 'month', 'quarter', 'year']) }}
{%- endmacro %}


{% macro period_start(grain, date_expr) -%}
    {#- weeks start on Monday (ISO) -#}
    cast({{ dbt.date_trunc(grain, date_expr) }} as date)
{%- endmacro %}


{% macro previous_period_start(grain, period_start_expr) -%}
    {%- if grain == 'quarter' -%}
        cast({{ dbt.dateadd('month', -3, period_start_expr) }} as date)
    {%- else -%}
        cast({{ dbt.dateadd(grain, -1, period_start_expr) }} as date)
    {%- endif -%}
{%- endmacro %}


{% macro previous_period_start_by_grain(grain_expr, period_start_expr) -%}
    case {{ grain_expr }}
        {%- for grain in kpi_grains() %}
        when '{{ grain }}' then {{ previous_period_start(grain, period_start_expr) }}
        {%- endfor %}
    end
{%- endmacro %}


{% macro same_period_last_year_start_by_grain(grain_expr, period_start_expr) -%}
    {#- a week last year is 52 weeks back, so it starts on a Monday too -#}
    case {{ grain_expr }}
        when 'week' then cast({{ dbt.dateadd('week', -52, period_start_expr) }} as date)
        else cast({{ dbt.dateadd('year', -1, period_start_expr) }} as date)
    end
{%- endmacro %}
