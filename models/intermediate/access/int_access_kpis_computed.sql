-- Phone access KPIs as components (docs/kpi_inputs.yml; computations in _access__models.yml). The centre counts
-- calls (document 000 defines the answer rate on calls: 成功接通数/进线总数), dated by the call's first queue entry
-- (answered-call KPIs by its first answer); the queue, skill and priority slices count queue visits (queued legs,
-- transfers included), as the ACD reports each queue, dated by the leg's queue entry (answered legs by answer time).
{%- set call_slices = kpi_slices(
    ['queue', 'skill', 'priority'],
    {'queue': 'first_queue_id', 'skill': 'first_queue_skill', 'priority': 'first_queue_priority'},
) %}
{%- set queue_slices = kpi_slices(['queue', 'skill', 'priority']) %}
{%- set answered_leg_slices = kpi_slices(['queue', 'skill', 'priority', 'agent', 'team']) %}
with

call_legs as (
    select * from {{ ref('int_call_legs_classified') }}
),

calls as (
    select * from {{ ref('int_calls_measured') }}
),

answered_calls_per_calendar_day as (
    select * from {{ ref('int_calls_answered_per_calendar_day') }}
),

queued_calls as (
    select * from calls
    where is_queued
),

answered_calls as (
    select * from calls
    where is_answered_by_agent
),

-- centre figures, one row per call
call_components as (
    {{ kpi_components(
        'calls', 'calls_offered', 'entered_centre_date',
        numerator='count(*)',
        dimensions=call_slices,
        where='is_entered_centre',
    ) }}
    union all
    {{ kpi_components(
        'answered_calls_per_calendar_day', 'calls_answered_per_day', 'calendar_date',
        numerator='sum(answered_calls)',
        denominator='count(*)',
    ) }}
    union all
    {{ kpi_components(
        'calls', 'answer_rate_ivr_inclusive', 'entered_centre_date',
        numerator='sum(case when is_ivr_self_served or is_answered_by_agent then 1 else 0 end)',
        denominator='count(*)',
        where='is_entered_centre',
    ) }}
    union all
    {{ kpi_components(
        'queued_calls', 'answer_rate', 'first_queue_date',
        numerator='sum(case when is_answered_by_agent then 1 else 0 end)',
        denominator='count(*)',
    ) }}
    union all
    {{ kpi_components(
        'queued_calls', 'abandon_rate', 'first_queue_date',
        numerator='sum(case when is_lost_abandon then 1 else 0 end)',
        denominator='count(*)',
        where='not is_short_abandon',
    ) }}
    union all
    {{ kpi_components(
        'queued_calls', 'abandon_rate_handled_basis', 'first_queue_date',
        numerator='sum(case when is_lost_abandon then 1 else 0 end)',
        denominator='count(*)',
        where='is_answered_by_agent or is_lost_abandon',
    ) }}
    union all
    {{ kpi_components(
        'queued_calls', 'service_level', 'first_queue_date',
        numerator='sum(case when is_answered_within_service_level then 1 else 0 end)',
        denominator='count(*)',
    ) }}
    union all
    {{ kpi_components(
        'answered_calls', 'average_speed_of_answer', 'first_answered_date',
        numerator='sum(speed_of_answer_seconds)',
        denominator='count(*)',
    ) }}
    union all
    {{ kpi_components(
        'queued_calls', 'average_queue_time', 'first_queue_date',
        numerator='sum(call_wait_seconds)',
        denominator='count(*)',
    ) }}
    union all
    {{ kpi_components(
        'queued_calls', 'average_time_to_abandon', 'first_queue_date',
        numerator='sum(call_wait_seconds)',
        denominator='count(*)',
        where='is_lost_abandon',
    ) }}
),

-- queue, skill and priority (and, for speed of answer, agent and team) slices from the legs; the macro's centre rows
-- over legs are dropped below, the centre counts calls
leg_components as (
    {{ kpi_components(
        'call_legs', 'answer_rate', 'queue_date',
        numerator='sum(case when is_answered then 1 else 0 end)',
        denominator='count(*)',
        dimensions=queue_slices,
        where='is_queued',
    ) }}
    union all
    {{ kpi_components(
        'call_legs', 'abandon_rate', 'queue_date',
        numerator='sum(case when is_lost_abandon then 1 else 0 end)',
        denominator='count(*)',
        dimensions=queue_slices,
        where='is_queued and not is_short_abandon',
    ) }}
    union all
    {{ kpi_components(
        'call_legs', 'abandon_rate_handled_basis', 'queue_date',
        numerator='sum(case when is_lost_abandon then 1 else 0 end)',
        denominator='count(*)',
        dimensions=queue_slices,
        where='is_queued and (is_answered or is_lost_abandon)',
    ) }}
    union all
    {{ kpi_components(
        'call_legs', 'service_level', 'queue_date',
        numerator='sum(case when is_answered_within_service_level then 1 else 0 end)',
        denominator='count(*)',
        dimensions=queue_slices,
        where='is_queued',
    ) }}
    union all
    {{ kpi_components(
        'call_legs', 'average_speed_of_answer', 'answered_date',
        numerator='sum(speed_of_answer_seconds)',
        denominator='count(*)',
        dimensions=answered_leg_slices,
        where='is_answered_inbound',
    ) }}
    union all
    {{ kpi_components(
        'call_legs', 'average_queue_time', 'queue_date',
        numerator='sum(queue_wait_seconds)',
        denominator='count(*)',
        dimensions=queue_slices,
        where='is_queued',
    ) }}
    union all
    {{ kpi_components(
        'call_legs', 'average_time_to_abandon', 'queue_date',
        numerator='sum(queue_wait_seconds)',
        denominator='count(*)',
        dimensions=queue_slices,
        where='is_lost_abandon',
    ) }}
),

final as (
    select * from call_components
    union all
    select * from leg_components
    where dimension_name <> 'centre'
)

select * from final
