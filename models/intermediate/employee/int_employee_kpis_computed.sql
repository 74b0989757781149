{#- Employee KPIs. Headcount-based ones (attrition, training hours per employee) are stocks: measured per period
    from int_employee_headcounts_aggregated, is_additive = false. Event counts are additive day rows. -#}
{%- set months_per_year = 12 -%}
with

headcounts as (
    select * from {{ ref('int_employee_headcounts_aggregated') }}
),

periods as (
    select * from {{ ref('int_reporting_periods_spanned') }}
),

employees as (
    select * from {{ ref('int_employees_enriched') }}
),

employee_surveys as (
    select * from {{ ref('stg_surveys__employee_surveys') }}
),

training_sessions as (
    select * from {{ ref('stg_hr__training_sessions') }}
),

training_attendance as (
    select * from {{ ref('stg_hr__training_attendance') }}
),

promotions as (
    select * from {{ ref('stg_hr__promotions') }}
),

callbacks as (
    select * from {{ ref('stg_crm__callbacks') }}
),

schedules as (
    select * from {{ ref('stg_wfm__schedules') }}
),

monthly_headcounts as (
    select * from headcounts
    where period_grain = 'month'
),

-- attrition_rate_annual is a rolling year: the 12 months ending with the period's last month in the reporting
-- window (a month row: the year to that month; a complete calendar year: that year)
last_window_month as (
    select max(period_start) as month_start
    from periods
    where period_grain = 'month'
),

annual_anchors as (
    select
        periods.period_grain,
        periods.period_start,
        least(
            {{ period_start('month', 'periods.period_end_date') }}, last_window_month.month_start
        ) as anchor_month_start
    from periods
    cross join last_window_month
    where periods.period_grain in ('month', 'quarter', 'year')
),

rolling_years as (
    select
        period_grain,
        period_start,
        anchor_month_start,
        cast({{ dbt.dateadd('month', 1 - months_per_year, 'anchor_month_start') }} as date) as first_month_start,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'anchor_month_start')) }} as date) as last_day
    from annual_anchors
),

month_offsets as (
    {{ dbt.generate_series(months_per_year) }}
),

rolling_month_ends as (
    select
        rolling_years.period_grain,
        rolling_years.period_start,
        cast({{ dbt.dateadd(
            'day', -1, dbt.dateadd('month', '2 - month_offsets.generated_number', 'rolling_years.anchor_month_start')
        ) }} as date) as month_end_date
    from rolling_years
    cross join month_offsets
),

-- each month-end headcount carries 1/12 of a head, so sums over months and teams give the mean month-end headcount
annual_headcounts as (
    select
        rolling_month_ends.period_grain,
        rolling_month_ends.period_start,
        employees.team_id,
        0 as leavers,
        1.0 / {{ months_per_year }} as end_headcount_share
    from rolling_month_ends
    inner join employees
        on
            rolling_month_ends.month_end_date >= employees.hired_date
            and (employees.terminated_date is null or rolling_month_ends.month_end_date <= employees.terminated_date)
    union all
    select
        rolling_years.period_grain,
        rolling_years.period_start,
        employees.team_id,
        1 as leavers,
        0.0 as end_headcount_share
    from rolling_years
    inner join employees
        on
            rolling_years.first_month_start <= employees.terminated_date
            and rolling_years.last_day >= employees.terminated_date
),

attendance as (
    select
        training_attendance.attendance_id,
        training_attendance.employee_id,
        employees.team_id,
        training_sessions.delivered_date,
        training_attendance.attended_hours,
        training_attendance.assessment_taken,
        training_attendance.assessment_passed
    from training_attendance
    inner join training_sessions
        on training_attendance.training_session_id = training_sessions.training_session_id
    left join employees
        on training_attendance.employee_id = employees.employee_id
    where training_sessions.delivered_date is not null
),

-- hours attended and employee-days on payroll side by side per period and team
training_hours_and_headcount as (
    select
        period_grain,
        period_start,
        team_id,
        period_days,
        employee_days,
        0 as attended_hours
    from headcounts
    union all
    select
        periods.period_grain,
        periods.period_start,
        attendance.team_id,
        periods.period_days,
        0 as employee_days,
        attendance.attended_hours
    from attendance
    inner join periods
        on attendance.delivered_date between periods.period_start and periods.period_end_date
),

survey_answers as (
    select
        employee_surveys.response_id,
        {{ local_date('employee_surveys.answered_at') }} as answered_date,
        employees.team_id,
        employee_surveys.satisfaction_score
    from employee_surveys
    left join employees
        on employee_surveys.employee_id = employees.employee_id
),

satisfaction_components as (
    {{ kpi_components('survey_answers', 'employee_satisfaction', 'answered_date',
        numerator='sum(satisfaction_score)', denominator='count(satisfaction_score)',
        dimensions={'team': 'team_id'}, is_additive=false) }}
),

-- team slices below the minimum group size would expose individual answers: the score is withheld
satisfaction_anonymised as (
    select
        metric_id,
        period_grain,
        period_start,
        dimension_name,
        dimension_value,
        case
            when dimension_name = 'centre' or denominator >= {{ var('employee_survey_min_responses') }}
                then numerator
        end as numerator,
        denominator,
        is_additive,
        case
            when dimension_name <> 'centre' and denominator < {{ var('employee_survey_min_responses') }}
                then 'fewer responses than var employee_survey_min_responses: withheld to keep answers anonymous'
        end as not_available_reason
    from satisfaction_components
),

promotions_filled as (
    select
        promotion_id,
        filled_date,
        case when is_internal then 1 else 0 end as is_internal_fill
    from promotions
),

sessions_planned as (
    select
        training_session_id,
        planned_date,
        -- a session without its record (materials and sign-in sheet) counts as not delivered
        case
            when delivered_date is not null and has_materials and has_sign_in_sheet then 1 else 0
        end as is_delivered_with_record
    from training_sessions
),

agent_duty_days as (
    select distinct
        schedules.agent_id,
        {{ local_date('schedules.started_at') }} as activity_date
    from schedules
    inner join employees
        on schedules.agent_id = employees.employee_id
    where schedules.activity = 'open_work' and employees.is_agent
),

callbacks_and_duty as (
    select
        callbacks.agent_id,
        employees.team_id,
        {{ local_date('callbacks.made_at') }} as activity_date,
        1 as callbacks_made,
        0 as agent_duty_days
    from callbacks
    left join employees
        on callbacks.agent_id = employees.employee_id
    union all
    select
        agent_duty_days.agent_id,
        employees.team_id,
        agent_duty_days.activity_date,
        0 as callbacks_made,
        1 as agent_duty_days
    from agent_duty_days
    inner join employees
        on agent_duty_days.agent_id = employees.employee_id
),

components as (
    {{ period_kpi_components('monthly_headcounts', 'attrition_rate_monthly',
        numerator='sum(leavers)', denominator='sum(employee_days) / max(period_days)',
        dimensions={'team': 'team_id'}) }}
    union all
    {{ grain_not_available_components('periods', 'attrition_rate_monthly', ['day', 'week', 'quarter', 'year'],
        'defined per calendar month; attrition_rate_annual gives the rolling year') }}
    union all
    {{ period_kpi_components('annual_headcounts', 'attrition_rate_annual',
        numerator='sum(leavers)', denominator='sum(end_headcount_share)',
        dimensions={'team': 'team_id'}) }}
    union all
    {{ grain_not_available_components('periods', 'attrition_rate_annual', ['day', 'week'],
        'a rolling 12-month rate, reported at month, quarter and year grain') }}
    union all
    {{ period_kpi_components('training_hours_and_headcount', 'training_hours_per_employee',
        numerator='sum(attended_hours)', denominator='sum(employee_days) / max(period_days)',
        dimensions={'team': 'team_id'}) }}
    union all
    select * from satisfaction_anonymised
    union all
    {{ kpi_components('attendance', 'training_pass_rate', 'delivered_date',
        numerator='sum(case when assessment_taken and assessment_passed then 1 else 0 end)',
        denominator='sum(case when assessment_taken then 1 else 0 end)',
        dimensions={'team': 'team_id', 'agent': 'employee_id'}) }}
    union all
    {{ kpi_components('promotions_filled', 'internal_promotion_rate', 'filled_date',
        numerator='sum(is_internal_fill)', denominator='count(*)') }}
    union all
    {{ kpi_components('sessions_planned', 'training_plan_completion_rate', 'planned_date',
        numerator='sum(is_delivered_with_record)', denominator='count(*)') }}
    union all
    {{ kpi_components('callbacks_and_duty', 'callback_completion_rate', 'activity_date',
        numerator='sum(callbacks_made)',
        denominator=var('callback_daily_quota') ~ ' * sum(agent_duty_days)',
        dimensions={'team': 'team_id', 'agent': 'agent_id'}) }}
),

final as (
    select * from components
)

select * from final
