with

call_legs as (
    select * from {{ ref('int_call_legs_enriched') }}
),

chat_sessions as (
    select * from {{ ref('int_chat_sessions_enriched') }}
),

ticket_events as (
    select * from {{ ref('int_ticket_events_enriched') }}
),

agent_states as (
    select * from {{ ref('stg_telephony__agent_states') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

answered_legs as (
    select
        agent_id,
        {{ local_date('answered_at') }} as work_date,
        count(*) as answered_leg_count
    from call_legs
    where is_inbound and is_answered and agent_id is not null
    group by 1, 2
),

agent_chats as (
    select
        agent_id,
        contact_date as work_date,
        count(*) as agent_chat_count
    from chat_sessions
    where is_agent_chat and agent_id is not null
    group by 1, 2
),

tickets_acted_on as (
    select
        agent_id,
        event_date as work_date,
        count(distinct ticket_id) as ticket_count
    from ticket_events
    where is_agent_action and not is_test
    group by 1, 2
),

available_time as (
    -- available_state: signed in and taking work
    select
        agent_id,
        {{ local_date('started_at') }} as work_date,
        sum({{ dbt.datediff('started_at', 'ended_at', 'second') }}) as available_seconds
    from agent_states
    where state in ('ready', 'on_contact', 'hold', 'after_call_work')
    group by 1, 2
),

agent_days as (
    select
        agent_id,
        work_date
    from answered_legs
    union
    select
        agent_id,
        work_date
    from agent_chats
    union
    select
        agent_id,
        work_date
    from tickets_acted_on
    union
    select
        agent_id,
        work_date
    from available_time
),

final as (
    select
        agent_days.agent_id,
        agent_days.work_date,
        employees.team_id,
        coalesce(answered_legs.answered_leg_count, 0) as answered_leg_count,
        coalesce(agent_chats.agent_chat_count, 0) as agent_chat_count,
        coalesce(tickets_acted_on.ticket_count, 0) as ticket_count,
        coalesce(answered_legs.answered_leg_count, 0)
        + coalesce(agent_chats.agent_chat_count, 0)
        + coalesce(tickets_acted_on.ticket_count, 0) as handled_contact_count,
        coalesce(available_time.available_seconds, 0) as available_seconds,
        -- a day worked: time in an available state, or contacts handled (written-only work leaves no ACD log)
        coalesce(available_time.available_seconds, 0) > 0
        or coalesce(answered_legs.answered_leg_count, 0)
        + coalesce(agent_chats.agent_chat_count, 0)
        + coalesce(tickets_acted_on.ticket_count, 0) > 0 as is_working_day
    from agent_days
    left join answered_legs
        on
            agent_days.agent_id = answered_legs.agent_id
            and agent_days.work_date = answered_legs.work_date
    left join agent_chats
        on
            agent_days.agent_id = agent_chats.agent_id
            and agent_days.work_date = agent_chats.work_date
    left join tickets_acted_on
        on
            agent_days.agent_id = tickets_acted_on.agent_id
            and agent_days.work_date = tickets_acted_on.work_date
    left join available_time
        on
            agent_days.agent_id = available_time.agent_id
            and agent_days.work_date = available_time.work_date
    left join employees
        on agent_days.agent_id = employees.employee_id
)

select * from final
