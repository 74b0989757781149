-- Audit: attrition_rate_monthly at centre level from staging: employees whose last day falls in the month / the
-- month's average headcount (employee-days on the payroll, hired <= day <= terminated, / days in the month).
with

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

calendar as (
    select * from {{ ref('dim_date') }}
),

months as (
    select
        month_start_date,
        count(*) as days_in_month
    from calendar
    group by 1
),

employee_days as (
    select
        calendar.month_start_date,
        count(*) as employee_days
    from calendar
    inner join employees
        on
            calendar.date_day >= employees.hired_date
            and (employees.terminated_date is null or calendar.date_day <= employees.terminated_date)
    group by 1
),

leavers as (
    select
        {{ period_start('month', 'terminated_date') }} as month_start_date,
        count(*) as leavers
    from employees
    where terminated_date is not null
    group by 1
),

final as (
    select
        'attrition_rate_monthly' as metric_id,
        months.month_start_date,
        coalesce(leavers.leavers, 0) as numerator,
        employee_days.employee_days * 1.0 / months.days_in_month as denominator
    from months
    inner join employee_days
        on months.month_start_date = employee_days.month_start_date
    left join leavers
        on months.month_start_date = leavers.month_start_date
)

select * from final
