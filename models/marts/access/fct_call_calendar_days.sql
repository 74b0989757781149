with

calendar_days as (
    select * from {{ ref('int_calls_answered_per_calendar_day') }}
),

final as (
    select
        calendar_date,
        cast(answered_calls as {{ dbt.type_bigint() }}) as answered_calls
    from calendar_days
)

select * from final
