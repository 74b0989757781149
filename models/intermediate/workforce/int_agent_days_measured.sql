-- What each agent did per centre-local day, summed from the contact- and interval-level models: state time split at
-- local midnight by state class, scheduled paid work time, answered inbound call legs and worked shifts. The base of
-- the agent-day KPIs (occupancy, agent_utilization, agent_productivity, staff_utilization, calls_per_agent_shift)
-- and of fct_agent_days.
with

agent_states as (
    select * from {{ ref('int_agent_states_split') }}
),

call_legs as (
    select * from {{ ref('int_call_legs_classified') }}
),

schedule_activities as (
    select * from {{ ref('int_schedule_activities_split') }}
),

shifts as (
    select * from {{ ref('int_shifts_summarised') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

state_time as (
    select
        agent_id,
        state_date as work_date,
        1 as state_pieces,
        case when is_handling_state then state_seconds else 0 end as handling_seconds,
        case when state = 'ready' then state_seconds else 0 end as ready_seconds,
        case when state = 'break' then state_seconds else 0 end as break_seconds,
        0 as paid_schedule_pieces,
        0 as paid_scheduled_seconds,
        0 as answered_inbound_legs,
        0 as worked_shifts,
        0 as worked_inbound_phone_shifts
    from agent_states
    where state_date is not null
),

answered_legs as (
    select
        agent_id,
        answered_date as work_date,
        0 as state_pieces,
        0 as handling_seconds,
        0 as ready_seconds,
        0 as break_seconds,
        0 as paid_schedule_pieces,
        0 as paid_scheduled_seconds,
        1 as answered_inbound_legs,
        0 as worked_shifts,
        0 as worked_inbound_phone_shifts
    from call_legs
    where is_answered_inbound and agent_id is not null and answered_date is not null
),

-- paid work time: scheduled activities other than breaks, lunch and training, by the interval's local day
paid_schedule as (
    select
        agent_id,
        interval_date as work_date,
        0 as state_pieces,
        0 as handling_seconds,
        0 as ready_seconds,
        0 as break_seconds,
        1 as paid_schedule_pieces,
        scheduled_seconds as paid_scheduled_seconds,
        0 as answered_inbound_legs,
        0 as worked_shifts,
        0 as worked_inbound_phone_shifts
    from schedule_activities
    where is_paid_work and interval_date is not null
),

worked_shifts as (
    select
        agent_id,
        shift_date as work_date,
        0 as state_pieces,
        0 as handling_seconds,
        0 as ready_seconds,
        0 as break_seconds,
        0 as paid_schedule_pieces,
        0 as paid_scheduled_seconds,
        0 as answered_inbound_legs,
        1 as worked_shifts,
        case when is_worked_inbound_phone_shift then 1 else 0 end as worked_inbound_phone_shifts
    from shifts
    where is_worked and shift_date is not null
),

unioned as (
    select * from state_time
    union all
    select * from answered_legs
    union all
    select * from paid_schedule
    union all
    select * from worked_shifts
),

summed as (
    select
        agent_id,
        work_date,
        sum(state_pieces) as state_pieces,
        sum(handling_seconds) as handling_seconds,
        sum(ready_seconds) as ready_seconds,
        sum(break_seconds) as break_seconds,
        sum(paid_schedule_pieces) as paid_schedule_pieces,
        sum(paid_scheduled_seconds) as paid_scheduled_seconds,
        sum(answered_inbound_legs) as answered_inbound_legs,
        sum(worked_shifts) as worked_shifts,
        sum(worked_inbound_phone_shifts) as worked_inbound_phone_shifts
    from unioned
    group by agent_id, work_date
),

final as (
    select
        summed.agent_id,
        summed.work_date,
        employees.team_id,
        summed.state_pieces > 0 as has_state_time,
        summed.paid_schedule_pieces > 0 as has_paid_schedule,
        cast(summed.handling_seconds as {{ dbt.type_bigint() }}) as handling_seconds,
        cast(summed.ready_seconds as {{ dbt.type_bigint() }}) as ready_seconds,
        cast(summed.break_seconds as {{ dbt.type_bigint() }}) as break_seconds,
        cast(summed.paid_scheduled_seconds as {{ dbt.type_bigint() }}) as paid_scheduled_seconds,
        cast(summed.answered_inbound_legs as {{ dbt.type_bigint() }}) as answered_inbound_legs,
        cast(summed.worked_shifts as {{ dbt.type_bigint() }}) as worked_shifts,
        cast(summed.worked_inbound_phone_shifts as {{ dbt.type_bigint() }}) as worked_inbound_phone_shifts
    from summed
    left join employees
        on summed.agent_id = employees.employee_id
)

select * from final
