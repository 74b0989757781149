-- Outbound campaign KPIs as components at call grain, dated by the call's end (docs/kpi_inputs.yml;
-- computations in _access__models.yml).
with

calls as (
    select * from {{ ref('int_calls_measured') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

outbound_calls as (
    select
        calls.call_id,
        calls.outbound_date,
        calls.outbound_agent_id,
        employees.team_id as outbound_team_id,
        calls.has_appointment_outcome,
        calls.has_success_outcome,
        calls.is_outbound_conversation
    from calls
    left join employees
        on calls.outbound_agent_id = employees.employee_id
    where calls.is_outbound
),

final as (
    {{ kpi_components(
        'outbound_calls', 'outbound_appointment_rate', 'outbound_date',
        numerator='sum(case when has_appointment_outcome then 1 else 0 end)',
        denominator='count(*)',
        dimensions={'agent': 'outbound_agent_id', 'team': 'outbound_team_id'},
    ) }}
    union all
    {{ kpi_components(
        'outbound_calls', 'outbound_conversion_rate', 'outbound_date',
        numerator='sum(case when has_success_outcome then 1 else 0 end)',
        denominator='count(*)',
        dimensions={'agent': 'outbound_agent_id', 'team': 'outbound_team_id'},
        where='is_outbound_conversation',
    ) }}
)

select * from final
