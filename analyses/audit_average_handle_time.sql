-- Audit: average_handle_time per month at centre level from staging: (answer to hang-up, hold included, + after-call
-- work) over answered inbound legs, dated by local answer day.
with

call_legs as (
    select * from {{ ref('stg_telephony__call_legs') }}
),

final as (
    select
        'average_handle_time' as metric_id,
        {{ period_start('month', local_date('answered_at')) }} as month_start_date,
        sum(
            {{ dbt.datediff('answered_at', 'ended_at', 'second') }}
            + coalesce({{ dbt.datediff('ended_at', 'acw_ended_at', 'second') }}, 0)
        ) as numerator,
        count(*) as denominator
    from call_legs
    where
        direction = 'inbound'
        and not coalesce(is_test, false)
        and answered_at is not null
    group by 1, 2
)

select * from final
