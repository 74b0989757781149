-- Audit: service_level per month at centre level, recomputed straight from staging (no intermediate model), so a
-- test can compare it with fct_kpi_values. Queued inbound legs answered within the queue's service-goal seconds
-- (else var service_level_answer_seconds) / queued inbound legs, dated by local queue entry.
with

call_legs as (
    select * from {{ ref('stg_telephony__call_legs') }}
),

service_goals as (
    select * from {{ ref('stg_wfm__service_goals') }}
),

queued_legs as (
    select
        call_legs.queue_entered_at,
        call_legs.answered_at,
        coalesce(service_goals.answer_within_seconds, {{ var('service_level_answer_seconds') }}) as threshold_seconds
    from call_legs
    left join service_goals
        on
            call_legs.queue_id = service_goals.queue_id
            and {{ local_date('coalesce(call_legs.ivr_entered_at, call_legs.queue_entered_at)') }}
            between service_goals.valid_from_date and coalesce(service_goals.valid_to_date, '9999-12-31')
    where
        call_legs.direction = 'inbound'
        and not coalesce(call_legs.is_test, false)
        and call_legs.queue_entered_at is not null
),

final as (
    select
        'service_level' as metric_id,
        {{ period_start('month', local_date('queue_entered_at')) }} as month_start_date,
        sum(
            case
                when
                    answered_at is not null
                    and {{ dbt.datediff('queue_entered_at', 'answered_at', 'second') }} <= threshold_seconds
                    then 1
                else 0
            end
        ) as numerator,
        count(*) as denominator
    from queued_legs
    group by 1, 2
)

select * from final
