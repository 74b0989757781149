-- Workforce KPIs as components (docs/kpi_inputs.yml; computations in _workforce__models.yml): agent state time
-- by local day, scheduled time and the time agents were available inside it, and the interval staffing grain.
with

agent_days as (
    select * from {{ ref('int_agent_days_measured') }}
),

schedule_activities as (
    select * from {{ ref('int_schedule_activities_split') }}
),

queue_intervals as (
    select * from {{ ref('int_queue_intervals_staffed') }}
),

-- state time split at local midnight, summed per agent and day
state_time as (
    select * from agent_days
    where has_state_time
),

-- staff utilisation: handling time against paid work time (scheduled activities other than breaks, lunch and
-- training), both summed per agent and local day
paid_time as (
    select * from agent_days
    where has_state_time or has_paid_schedule
),

open_work as (
    select * from schedule_activities
    where activity = 'open_work'
),

-- intervals with a forecast row: an interval without one has no forecast to be accurate against (not a forecast
-- of 0), so its contacts are left out; an explicit forecast of 0 stays in
forecast_intervals as (
    select * from queue_intervals
    where has_forecast
),

-- local days with a schedule: without one, agents on duty are unknown rather than 0 (a centre that sends no
-- schedules, like the Anonymous Bank, gets schedule_accuracy null with a reason instead of 0)
scheduled_days as (
    select distinct interval_date
    from open_work
),

required_intervals as (
    select queue_intervals.*
    from queue_intervals
    inner join scheduled_days
        on queue_intervals.interval_date = scheduled_days.interval_date
    where queue_intervals.required_agents is not null
),

final as (
    {{ kpi_components(
        'state_time', 'occupancy', 'work_date',
        numerator='sum(handling_seconds)',
        denominator='sum(handling_seconds + ready_seconds)',
        dimensions={'agent': 'agent_id', 'team': 'team_id'},
    ) }}
    union all
    {{ kpi_components(
        'state_time', 'agent_utilization', 'work_date',
        numerator='sum(handling_seconds + ready_seconds)',
        denominator='sum(handling_seconds + ready_seconds + break_seconds)',
        dimensions={'agent': 'agent_id', 'team': 'team_id'},
    ) }}
    union all
    {{ kpi_components(
        'state_time', 'agent_productivity', 'work_date',
        numerator='sum(handling_seconds)',
        denominator='sum(handling_seconds + ready_seconds + break_seconds)',
        dimensions={'agent': 'agent_id', 'team': 'team_id'},
    ) }}
    union all
    {{ kpi_components(
        'paid_time', 'staff_utilization', 'work_date',
        numerator='sum(handling_seconds)',
        denominator='sum(paid_scheduled_seconds)',
        dimensions={'agent': 'agent_id', 'team': 'team_id'},
    ) }}
    union all
    {{ kpi_components(
        'open_work', 'schedule_adherence', 'interval_date',
        numerator='sum(available_seconds)',
        denominator='sum(scheduled_seconds)',
        dimensions={'agent': 'agent_id', 'team': 'team_id'},
    ) }}
    union all
    {{ kpi_components(
        'required_intervals', 'schedule_accuracy', 'interval_date',
        numerator='sum(agents_on_duty)',
        denominator='sum(required_agents)',
        dimensions={'queue': 'queue_id'},
    ) }}
    union all
    {{ kpi_components(
        'queue_intervals', 'staffing_plan_accuracy', 'interval_date',
        numerator='sum(agents_on_duty)',
        denominator='sum(agents_scheduled)',
        dimensions={'queue': 'queue_id'},
    ) }}
    union all
    {{ kpi_components(
        'forecast_intervals', 'forecast_accuracy', 'interval_date',
        numerator='sum(actual_contacts)',
        denominator='sum(forecast_contacts)',
        dimensions={'queue': 'queue_id'},
    ) }}
)

select * from final
