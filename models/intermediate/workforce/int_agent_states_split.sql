-- Agent state intervals cut at centre-local midnight, so day, week and month totals of state time add up.
with

agent_states as (
    select * from {{ ref('stg_telephony__agent_states') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

day_numbers as (
    {{ dbt.generate_series(var('calendar_max_days')) }}
),

dated as (
    select
        state_event_id,
        agent_id,
        state,
        started_at,
        ended_at,
        {{ local_date('started_at') }} as first_state_date,
        {{ local_date('ended_at') }} as last_state_date
    from agent_states
),

spanned as (
    select
        *,
        {{ dbt.datediff(
            'first_state_date',
            'last_state_date',
            'day',
        ) }} as days_spanned
    from dated
),

split as (
    select
        spanned.state_event_id,
        spanned.agent_id,
        spanned.state,
        spanned.started_at,
        spanned.ended_at,
        spanned.days_spanned,
        cast({{ dbt.dateadd('day', 'day_numbers.generated_number - 1', 'spanned.first_state_date') }} as date)
            as state_date
    from spanned
    inner join day_numbers
        on day_numbers.generated_number - 1 <= spanned.days_spanned
),

next_dated as (
    select
        *,
        cast({{ dbt.dateadd('day', 1, 'state_date') }} as date) as next_state_date
    from split
),

bounded as (
    select
        *,
        greatest(started_at, {{ local_day_start_at('state_date') }}) as piece_started_at,
        least(ended_at, {{ local_day_start_at('next_state_date') }}) as piece_ended_at
    from next_dated
),

final as (
    select
        bounded.state_event_id,
        bounded.state_date,
        bounded.agent_id,
        employees.team_id,
        bounded.state,
        {{ is_handling_state('bounded.state') }} as is_handling_state,
        {{ is_available_state('bounded.state') }} as is_available_state,
        bounded.piece_started_at,
        bounded.piece_ended_at,
        {{ dbt.datediff(
            'bounded.piece_started_at',
            'bounded.piece_ended_at',
            'second',
        ) }} as state_seconds
    from bounded
    left join employees
        on bounded.agent_id = employees.employee_id
    -- a state ending exactly at midnight leaves an empty piece on the next day
    where bounded.piece_started_at < bounded.piece_ended_at or bounded.days_spanned = 0
)

select * from final
