{#- MetricFlow's time spine: one row per centre-local day of dim_date (the KPI calendar). -#}
with

calendar_days as (
    select * from {{ ref('dim_date') }}
),

final as (
    select date_day
    from calendar_days
)

select * from final
