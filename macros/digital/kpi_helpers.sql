{#- Deadline helpers shared by the digital, complaint, resolution and contact-volume KPI models. -#}

{% macro deadline_met(done_at, due_at, as_of_at) -%}
    {#- true: done by the deadline; false: done late, or still open after the deadline had passed at the extract's
        as-of time; null: still open and not yet due (undecided, so left out of numerator and denominator) or no
        deadline at all -#}
    case
        when {{ due_at }} is null then null
        when {{ done_at }} is not null then {{ done_at }} <= {{ due_at }}
        when {{ due_at }} <= {{ as_of_at }} then false
    end
{%- endmacro %}


{% macro done_by_month_end(done_date, received_date) -%}
    {#- "processed by period end": done no later than the last day of the centre-local month of receipt; one fixed
        cut-off per item keeps the KPI additive, so day rows roll up exactly to weeks and months -#}
    coalesce({{ period_start('month', done_date) }} <= {{ period_start('month', received_date) }}, false)
{%- endmacro %}
