-- Phone handling KPIs as components over answered inbound legs, dated by answer time (docs/kpi_inputs.yml;
-- computations in _access__models.yml).
{%- set leg_slices = kpi_slices(['queue', 'skill', 'priority', 'agent', 'team']) %}
{%- set categorised_leg_slices = kpi_slices(['queue', 'skill', 'priority', 'agent', 'team', 'inquiry_category']) %}
with

call_legs as (
    select * from {{ ref('int_call_legs_classified') }}
),

agent_days as (
    select * from {{ ref('int_agent_days_measured') }}
),

answered_legs as (
    select * from call_legs
    where is_answered_inbound
),

after_call_work_recording as (
    select distinct is_after_call_work_recorded
    from call_legs
),

-- a blank acw_ended_at is unknown, so sums and counts skip it (count(column) counts known values only)
after_call_work_components as (
    {{ kpi_components(
        'answered_legs', 'average_after_call_work', 'answered_date',
        numerator='sum(after_call_work_seconds)',
        denominator='count(after_call_work_seconds)',
        dimensions=leg_slices,
    ) }}
),

-- a source that never records the end of after-call work has no ACW to report, rather than 0 s or a zero
-- denominator: its rows say so
after_call_work_reasoned as (
    select
        after_call_work_components.metric_id,
        after_call_work_components.period_grain,
        after_call_work_components.period_start,
        after_call_work_components.dimension_name,
        after_call_work_components.dimension_value,
        after_call_work_components.numerator,
        after_call_work_components.denominator,
        after_call_work_components.is_additive,
        case
            when not after_call_work_recording.is_after_call_work_recorded
                then 'the call-leg extract records no after-call-work end (acw_ended_at) on any answered leg'
            else after_call_work_components.not_available_reason
        end as not_available_reason
    from after_call_work_components
    cross join after_call_work_recording
),

final as (
    {{ kpi_components(
        'answered_legs', 'phone_first_response_time', 'answered_date',
        numerator='sum(first_response_seconds)',
        denominator='count(*)',
        dimensions=leg_slices,
        where='first_agent_utterance_at is not null',
    ) }}
    union all
    {{ kpi_components(
        'answered_legs', 'answered_within_three_rings_rate', 'answered_date',
        numerator='sum(case when is_answered_within_rings then 1 else 0 end)',
        denominator='count(*)',
        dimensions=leg_slices,
        where='is_rung',
    ) }}
    union all
    {{ kpi_components(
        'answered_legs', 'average_handle_time', 'answered_date',
        numerator='sum(handle_seconds)',
        denominator='count(handle_seconds)',
        dimensions=categorised_leg_slices,
    ) }}
    union all
    {{ kpi_components(
        'answered_legs', 'average_talk_time', 'answered_date',
        numerator='sum(talk_seconds)',
        denominator='count(*)',
        dimensions=leg_slices,
    ) }}
    union all
    select * from after_call_work_reasoned
    union all
    {{ kpi_components(
        'answered_legs', 'transfer_rate', 'answered_date',
        numerator='count(distinct case when is_transferred then call_id end)',
        denominator='count(distinct call_id)',
        dimensions=leg_slices,
    ) }}
    union all
    {{ kpi_components(
        'agent_days', 'calls_per_agent_shift', 'work_date',
        numerator='sum(answered_inbound_legs)',
        denominator='sum(worked_inbound_phone_shifts)',
        dimensions={'agent': 'agent_id', 'team': 'team_id'},
        where='answered_inbound_legs > 0 or worked_inbound_phone_shifts > 0',
    ) }}
)

select * from final
