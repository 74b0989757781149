-- Audit: average_handle_time per month at centre level from staging: (answer to hang-up, hold included, + after-call
-- work to acw_ended_at) over answered inbound legs whose after-call-work end is known, dated by local answer day. A
-- blank acw_ended_at leaves the leg's handle time unknown; an extract with no acw_ended_at at all (a source without
-- a wrap-up phase) has handle time = talk time.
with

call_legs as (
    select * from {{ ref('stg_telephony__call_legs') }}
),

answered_legs as (
    select * from call_legs
    where
        direction = 'inbound'
        and not coalesce(is_test, false)
        and answered_at is not null
),

wrap_up_recording as (
    select count(acw_ended_at) as recorded_wrap_up_ends
    from answered_legs
),

timed_legs as (
    select
        answered_legs.answered_at,
        {{ dbt.datediff('answered_legs.answered_at', 'answered_legs.ended_at', 'second') }}
        + case
            when wrap_up_recording.recorded_wrap_up_ends = 0 then 0
            else {{ dbt.datediff('answered_legs.ended_at', 'answered_legs.acw_ended_at', 'second') }}
        end as handle_seconds
    from answered_legs
    cross join wrap_up_recording
),

final as (
    select
        'average_handle_time' as metric_id,
        {{ period_start('month', local_date('answered_at')) }} as month_start_date,
        sum(handle_seconds) as numerator,
        count(handle_seconds) as denominator
    from timed_legs
    group by 1, 2
)

select * from final
