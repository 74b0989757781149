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
        {{ dbt.datediff(local_date('started_at'), local_date('ended_at'), 'day') }} as days_spanned
    from agent_states
),

split as (
    select
        dated.state_event_id,
        dated.agent_id,
        dated.state,
        dated.started_at,
        dated.ended_at,
        dated.days_spanned,
        cast({{ dbt.dateadd('day', 'day_numbers.generated_number - 1', 'dated.first_state_date') }} as date)
            as state_date
    from dated
    inner join day_numbers
        on day_numbers.generated_number - 1 <= dated.days_spanned
),

bounded as (
    select
        *,
        greatest(started_at, {{ local_day_start_at('state_date') }}) as piece_started_at,
        least(ended_at, {{ local_day_start_at(dbt.dateadd('day', 1, 'state_date')) }}) as piece_ended_at
    from split
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
        {{ dbt.datediff('bounded.piece_started_at', 'bounded.piece_ended_at', 'second') }} as state_seconds
    from bounded
    left join employees
        on bounded.agent_id = employees.employee_id
    -- a state ending exactly at midnight leaves an empty piece on the next day
    where bounded.piece_started_at < bounded.piece_ended_at or bounded.days_spanned = 0
)

select * from final
