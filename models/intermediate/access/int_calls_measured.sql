-- Call grain: int_calls_summarised plus the call-level timings and outcomes the access, outbound and fct_calls
-- models need, aggregated once from the legs.
with

calls as (
    select * from {{ ref('int_calls_summarised') }}
),

call_legs as (
    select * from {{ ref('int_call_legs_classified') }}
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
        min(case when leg_number = 1 then agent_id end) as first_leg_agent_id,
        sum(case when is_queued then 1 else 0 end) as queued_leg_count,
        sum(case when is_answered_inbound then 1 else 0 end) as answered_leg_count,
        sum(case when is_queued then queue_wait_seconds end) as queue_seconds,
        sum(case when is_answered_inbound then talk_seconds end) as talk_seconds,
        sum(case when is_answered_inbound then hold_seconds end) as hold_seconds,
        sum(case when is_answered_inbound then coalesce(after_call_work_seconds, 0) end) as after_call_work_seconds,
        sum(case when is_answered_inbound then handle_seconds end) as handle_seconds,
        max(case when is_short_abandon then 1 else 0 end) = 1 as is_short_abandon,
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
        calls.is_abandoned,
        calls.is_transferred,
        calls.last_agent_id,
        calls.last_team_id,
        calls.last_answered_queue_id,
        calls.inquiry_category,
        calls.resolution_status,
        calls.has_sales_opportunity,
        calls.is_sale,
        leg_totals.entered_centre_at,
        leg_totals.entered_centre_at is not null as is_entered_centre,
        {{ local_date('leg_totals.entered_centre_at') }} as entered_centre_date,
        leg_totals.first_queue_entered_at,
        leg_totals.first_answered_at,
        {{ local_date('leg_totals.first_answered_at') }} as first_answered_date,
        leg_totals.first_answered_at is not null as is_answered_by_agent,
        leg_totals.queued_leg_count,
        leg_totals.answered_leg_count,
        leg_totals.queue_seconds,
        leg_totals.talk_seconds,
        leg_totals.hold_seconds,
        leg_totals.after_call_work_seconds,
        leg_totals.handle_seconds,
        calls.is_abandoned and leg_totals.is_short_abandon as is_short_abandon,
        case when calls.is_outbound then leg_totals.first_leg_agent_id end as outbound_agent_id,
        case when calls.is_outbound then {{ local_date('calls.call_ended_at') }} end as outbound_date,
        leg_totals.has_appointment_outcome,
        leg_totals.has_success_outcome,
        leg_totals.is_outbound_conversation
    from calls
    inner join leg_totals
        on calls.call_id = leg_totals.call_id
)

select * from final
