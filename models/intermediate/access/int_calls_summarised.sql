with

call_legs as (
    select * from {{ ref('int_call_legs_enriched') }}
),

ordered as (
    select
        *,
        row_number() over (partition by call_id order by leg_number) as leg_order,
        row_number() over (partition by call_id order by leg_number desc) as reverse_leg_order,
        case
            when is_answered
                then row_number() over (partition by call_id, is_answered order by leg_number desc)
        end as reverse_answered_order
    from call_legs
),

per_call as (
    select
        call_id,
        count(*) as leg_count,
        min(leg_started_at) as call_started_at,
        max(ended_at) as call_ended_at,
        max(case when is_queued then 1 else 0 end) = 1 as is_queued,
        max(case when is_answered then 1 else 0 end) = 1 as is_answered,
        max(case when is_transferred then 1 else 0 end) = 1 as is_transferred,
        max(case when has_sales_opportunity then 1 else 0 end) = 1 as has_sales_opportunity,
        max(case when is_sale then 1 else 0 end) = 1 as is_sale,
        max(case when is_test then 1 else 0 end) = 1 as is_test,
        max(customer_id) as customer_id,
        max(customer_phone_hash) as customer_phone_hash
    from ordered
    group by call_id
),

first_leg as (
    select * from ordered
    where leg_order = 1
),

last_leg as (
    select * from ordered
    where reverse_leg_order = 1
),

last_answered_leg as (
    select * from ordered
    where reverse_answered_order = 1
),

final as (
    select
        per_call.call_id,
        first_leg.contact_date,
        first_leg.direction,
        first_leg.is_inbound,
        first_leg.is_outbound,
        per_call.is_test,
        per_call.leg_count,
        per_call.call_started_at,
        per_call.call_ended_at,
        per_call.customer_id,
        per_call.customer_phone_hash,
        first_leg.campaign_id,
        last_leg.campaign_outcome,
        first_leg.ivr_entered_at is not null as entered_ivr,
        first_leg.ivr_outcome,
        first_leg.ivr_outcome = 'self_served' as is_ivr_self_served,
        first_leg.queue_id as first_queue_id,
        first_leg.queue_skill as first_queue_skill,
        first_leg.queue_priority as first_queue_priority,
        per_call.is_queued,
        per_call.is_answered,
        per_call.is_transferred,
        last_answered_leg.agent_id as last_agent_id,
        last_answered_leg.team_id as last_team_id,
        last_answered_leg.queue_id as last_answered_queue_id,
        last_answered_leg.inquiry_category,
        last_answered_leg.resolution_status,
        per_call.has_sales_opportunity,
        per_call.is_sale,
        coalesce(per_call.customer_id, per_call.customer_phone_hash) as customer_key
    from per_call
    inner join first_leg
        on per_call.call_id = first_leg.call_id
    inner join last_leg
        on per_call.call_id = last_leg.call_id
    left join last_answered_leg
        on per_call.call_id = last_answered_leg.call_id
)

select * from final
