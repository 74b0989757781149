with

headcounts as (
    select * from {{ ref('int_employee_headcounts_aggregated') }}
),

final as (
    select
        period_start as month_start_date,
        period_end_date as month_end_date,
        team_id,
        role,
        start_headcount,
        end_headcount,
        cast(employee_days as {{ dbt.type_float() }}) / period_days as average_headcount,
        employee_days,
        hires,
        leavers,
        voluntary_leavers
    from headcounts
    where period_grain = 'month'
)

select * from final
