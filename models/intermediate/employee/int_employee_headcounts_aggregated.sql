{#- headcount_on(day) = hired_date <= day and (terminated_date blank or >= day): the termination date is the last
    day employed. Team is the employee's current team (HR keeps no team history). -#}
with

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

periods as (
    select * from {{ ref('int_reporting_periods_spanned') }}
),

employee_periods as (
    select
        periods.period_grain,
        periods.period_start,
        periods.period_end_date,
        periods.period_days,
        employees.employee_id,
        employees.team_id,
        employees.role,
        employees.hired_date,
        employees.terminated_date,
        employees.termination_reason
    from employees
    inner join periods
        on
            employees.hired_date <= periods.period_end_date
            and (employees.terminated_date is null or employees.terminated_date >= periods.period_start)
),

measured as (
    select
        period_grain,
        period_start,
        period_end_date,
        period_days,
        team_id,
        role,
        -- days of the period this employee was on the payroll
        {{ dbt.datediff(
            'greatest(hired_date, period_start)',
            'least(coalesce(terminated_date, period_end_date), period_end_date)',
            'day',
        ) }} + 1 as employed_days,
        case when hired_date <= period_start then 1 else 0 end as is_on_payroll_at_start,
        case
            when terminated_date is null or terminated_date >= period_end_date then 1 else 0
        end as is_on_payroll_at_end,
        case when hired_date >= period_start then 1 else 0 end as is_hire,
        case when terminated_date <= period_end_date then 1 else 0 end as is_leaver,
        case
            when terminated_date <= period_end_date and termination_reason = 'voluntary' then 1 else 0
        end as is_voluntary_leaver
    from employee_periods
),

final as (
    select
        period_grain,
        period_start,
        period_end_date,
        team_id,
        role,
        period_days,
        sum(employed_days) as employee_days,
        sum(is_on_payroll_at_start) as start_headcount,
        sum(is_on_payroll_at_end) as end_headcount,
        sum(is_hire) as hires,
        sum(is_leaver) as leavers,
        sum(is_voluntary_leaver) as voluntary_leavers
    from measured
    group by 1, 2, 3, 4, 5, 6
)

select * from final
