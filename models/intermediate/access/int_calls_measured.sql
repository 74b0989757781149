-- Call grain: int_calls_summarised plus the call-level timings and outcomes the access, outbound and fct_calls
-- models need, aggregated once from the legs. The centre's queue KPIs count calls, as document 000 defines the
-- answer rate (成功接通数/进线总数): a call is answered when any of its legs was answered by an agent, abandoned when
-- the caller hung up in a queue and no leg was ever answered, and its wait runs from its first queue entry to its
-- first answer (else to the hang-up), across transfers and reroutes.
with

calls as (
    select * from {{ ref('int_calls_summarised') }}
),

call_legs as (
    select * from {{ ref('int_call_legs_classified') }}
),

-- the call's service goal is that of the queue it first waited in
queue_visits_ordered as (
    select
        call_id,
        service_level_threshold_seconds,
        row_number() over (partition by call_id order by queue_entered_at, leg_number) as queue_visit_order
    from call_legs
    where is_queued
),

first_queue_visits as (
    select * from queue_visits_ordered
    where queue_visit_order = 1
),

leg_totals as (
    select
        call_id,
        -- the call entered the centre when its first leg reached the IVR or a queue (definition: contact)
        min(case
            when leg_number = 1 and is_inbound then coalesce(ivr_entered_at, queue_entered_at)
        end) as entered_centre_at,
        min(case when is_queued then queue_entered_at end) as first_queue_entered_at,
        min(case when is_answered_inbound then answered_at end) as first_answered_at,
        -- an unanswered call left the queues when its last queue visit ended (hang-up or reroute)
        max(case when is_queued then ended_at end) as last_queue_visit_ended_at,
        max(case when is_abandoned then 1 else 0 end) = 1 as has_abandoned_leg,
        min(case when leg_number = 1 then agent_id end) as first_leg_agent_id,
        sum(case when is_queued then 1 else 0 end) as queued_leg_count,
        sum(case when is_answered_inbound then 1 else 0 end) as answered_leg_count,
        sum(case when is_queued then queue_wait_seconds end) as queue_seconds,
        sum(case when is_answered_inbound then talk_seconds end) as talk_seconds,
        sum(case when is_answered_inbound then hold_seconds end) as hold_seconds,
        sum(case when is_answered_inbound then after_call_work_seconds end) as after_call_work_seconds,
        sum(case when is_answered_inbound then handle_seconds end) as handle_seconds,
        max(case when is_outbound and campaign_outcome = 'appointment' then 1 else 0 end) = 1
            as has_appointment_outcome,
        max(case
            when is_outbound and campaign_outcome in (
                {%- for outcome in var('outbound_success_outcomes') %}
                    '{{ outcome }}'{{ ',' if not loop.last }}
                {%- endfor %}
            ) then 1
            else 0
        end) = 1 as has_success_outcome,
        -- an outbound conversation: the dialled party picked up (no_answer and busy legs have no answered_at)
        max(case when is_outbound and is_answered then 1 else 0 end) = 1 as is_outbound_conversation
    from call_legs
    group by call_id
),

call_waits as (
    select
        leg_totals.*,
        first_queue_visits.service_level_threshold_seconds,
        case
            when leg_totals.first_queue_entered_at is null then null
            -- answered before it ever queued (at an extension, then transferred into a queue): no wait
            when leg_totals.first_answered_at < leg_totals.first_queue_entered_at then 0
            else {{ dbt.datediff(
                'leg_totals.first_queue_entered_at',
                'coalesce(leg_totals.first_answered_at, leg_totals.last_queue_visit_ended_at)',
                'second',
            ) }}
        end as call_wait_seconds
    from leg_totals
    left join first_queue_visits
        on leg_totals.call_id = first_queue_visits.call_id
),

outcomes as (
    select
        call_waits.*,
        call_waits.first_answered_at is not null as is_answered_by_agent,
        call_waits.first_queue_entered_at is not null
        and call_waits.first_answered_at is null
        and call_waits.has_abandoned_leg as is_abandoned
    from call_waits
),

final as (
    select
        calls.call_id,
        calls.contact_date,
        calls.direction,
        calls.is_inbound,
        calls.is_outbound,
        calls.is_test,
        calls.leg_count,
        calls.call_started_at,
        calls.call_ended_at,
        calls.customer_id,
        calls.customer_phone_hash,
        calls.customer_key,
        calls.campaign_id,
        calls.campaign_outcome,
        calls.entered_ivr,
        calls.ivr_outcome,
        calls.is_ivr_self_served,
        calls.first_queue_id,
        calls.first_queue_skill,
        calls.first_queue_priority,
        calls.is_queued,
        calls.is_answered,
        outcomes.is_abandoned,
        -- hang-ups shorter than var short_abandon_seconds (0 = none) are counted apart, as for the legs
        outcomes.is_abandoned
        and outcomes.call_wait_seconds < {{ var('short_abandon_seconds') }} as is_short_abandon,
        outcomes.is_abandoned
        and outcomes.call_wait_seconds >= {{ var('short_abandon_seconds') }} as is_lost_abandon,
        calls.is_transferred,
        calls.last_agent_id,
        calls.last_team_id,
        calls.last_answered_queue_id,
        calls.inquiry_category,
        calls.resolution_status,
        calls.has_sales_opportunity,
        calls.is_sale,
        outcomes.entered_centre_at,
        outcomes.entered_centre_at is not null as is_entered_centre,
        {{ local_date('outcomes.entered_centre_at') }} as entered_centre_date,
        outcomes.first_queue_entered_at,
        {{ local_date('outcomes.first_queue_entered_at') }} as first_queue_date,
        outcomes.first_answered_at,
        {{ local_date('outcomes.first_answered_at') }} as first_answered_date,
        outcomes.is_answered_by_agent,
        outcomes.queued_leg_count,
        outcomes.answered_leg_count,
        outcomes.call_wait_seconds,
        -- a call answered without queueing (direct to an agent) waited 0 s
        case when outcomes.is_answered_by_agent then coalesce(outcomes.call_wait_seconds, 0) end
            as speed_of_answer_seconds,
        outcomes.service_level_threshold_seconds,
        outcomes.first_queue_entered_at is not null
        and outcomes.is_answered_by_agent
        and outcomes.call_wait_seconds <= outcomes.service_level_threshold_seconds
            as is_answered_within_service_level,
        outcomes.queue_seconds,
        outcomes.talk_seconds,
        outcomes.hold_seconds,
        outcomes.after_call_work_seconds,
        outcomes.handle_seconds,
        case when calls.is_outbound then outcomes.first_leg_agent_id end as outbound_agent_id,
        case when calls.is_outbound then {{ local_date('calls.call_ended_at') }} end as outbound_date,
        outcomes.has_appointment_outcome,
        outcomes.has_success_outcome,
        outcomes.is_outbound_conversation
    from calls
    inner join outcomes
        on calls.call_id = outcomes.call_id
)

select * from final
