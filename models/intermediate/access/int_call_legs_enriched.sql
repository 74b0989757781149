with

call_legs as (
    select * from {{ ref('stg_telephony__call_legs') }}
),

service_goals as (
    select * from {{ ref('stg_wfm__service_goals') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

queues as (
    select * from {{ ref('stg_telephony__queues') }}
),

timed as (
    select
        *,
        coalesce(ivr_entered_at, queue_entered_at, alerting_at, answered_at, ended_at) as leg_started_at,
        direction = 'inbound' and not coalesce(is_test, false) as is_inbound,
        direction = 'outbound' and not coalesce(is_test, false) as is_outbound,
        {{ dbt.datediff('queue_entered_at', 'coalesce(answered_at, ended_at)', 'second') }} as queue_wait_seconds,
        {{ dbt.datediff('alerting_at', 'answered_at', 'second') }} as ring_seconds,
        {{ dbt.datediff('answered_at', 'first_agent_utterance_at', 'second') }} as first_response_seconds,
        -- talk runs from answer to hang-up and includes hold, as the catalogue defines average_talk_time
        {{ dbt.datediff('answered_at', 'ended_at', 'second') }} as talk_seconds,
        {{ dbt.datediff('ended_at', 'acw_ended_at', 'second') }} as after_call_work_seconds
    from call_legs
),

with_goals as (
    select
        timed.*,
        {{ local_date('timed.leg_started_at') }} as contact_date,
        coalesce(
            service_goals.answer_within_seconds, {{ var('service_level_answer_seconds') }}
        ) as service_level_threshold_seconds
    from timed
    left join service_goals
        on
            timed.queue_id = service_goals.queue_id
            and {{ local_date('timed.leg_started_at') }} >= service_goals.valid_from_date
            and (
                service_goals.valid_to_date is null
                or {{ local_date('timed.leg_started_at') }} <= service_goals.valid_to_date
            )
),

final as (
    select
        with_goals.call_id,
        with_goals.leg_number,
        with_goals.contact_date,
        with_goals.leg_started_at,
        with_goals.direction,
        with_goals.is_inbound,
        with_goals.is_outbound,
        coalesce(with_goals.is_test, false) as is_test,
        with_goals.campaign_id,
        with_goals.campaign_outcome,
        with_goals.customer_id,
        with_goals.customer_phone_hash,
        with_goals.ivr_entered_at,
        with_goals.ivr_exited_at,
        with_goals.ivr_outcome,
        with_goals.queue_id,
        queues.skill as queue_skill,
        queues.priority as queue_priority,
        with_goals.queue_entered_at,
        with_goals.alerting_at,
        with_goals.answered_at,
        with_goals.first_agent_utterance_at,
        with_goals.ended_at,
        with_goals.acw_ended_at,
        with_goals.agent_id,
        employees.team_id,
        with_goals.transferred_to_queue_id,
        with_goals.inquiry_category,
        with_goals.resolution_status,
        coalesce(with_goals.has_sales_opportunity, false) as has_sales_opportunity,
        coalesce(with_goals.is_sale, false) as is_sale,
        with_goals.is_inbound and with_goals.queue_entered_at is not null as is_queued,
        with_goals.answered_at is not null as is_answered,
        with_goals.is_inbound
        and with_goals.queue_entered_at is not null
        and with_goals.answered_at is null
        and with_goals.transferred_to_queue_id is null as is_abandoned,
        with_goals.answered_at is not null and with_goals.transferred_to_queue_id is not null as is_transferred,
        with_goals.queue_wait_seconds,
        with_goals.service_level_threshold_seconds,
        with_goals.answered_at is not null
        and with_goals.queue_wait_seconds <= with_goals.service_level_threshold_seconds
            as is_answered_within_service_level,
        with_goals.ring_seconds,
        with_goals.first_response_seconds,
        with_goals.talk_seconds,
        coalesce(with_goals.hold_seconds, 0) as hold_seconds,
        with_goals.after_call_work_seconds
    from with_goals
    left join employees
        on with_goals.agent_id = employees.employee_id
    left join queues
        on with_goals.queue_id = queues.queue_id
)

select * from final
