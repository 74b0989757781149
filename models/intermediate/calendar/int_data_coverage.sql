{#- How far the contact extracts reach, so that a period they cover only in part is marked partial and never
    shown as a headline. Contacts (call legs, chat sessions, tickets) decide, not surveys, QA or interval counts,
    which trail or run past the contacts they describe. -#}
with

call_legs as (
    select * from {{ ref('int_call_legs_enriched') }}
),

call_leg_extracts as (
    select * from {{ ref('stg_telephony__call_legs') }}
),

chat_sessions as (
    select * from {{ ref('stg_chat__chat_sessions') }}
),

tickets as (
    select * from {{ ref('stg_ticketing__tickets') }}
),

call_extraction as (
    select max(extracted_at) as last_extracted_at
    from call_leg_extracts
),

-- per extract: its first and last contact day and when it was last extracted
call_coverage as (
    select
        'telephony.call_legs' as source_table,
        min(call_legs.contact_date) as first_activity_date,
        max(call_legs.contact_date) as last_activity_date,
        max(call_extraction.last_extracted_at) as last_extracted_at
    from call_legs
    cross join call_extraction
    where not call_legs.is_test
),

chat_coverage as (
    select
        'chat.chat_sessions' as source_table,
        min({{ local_date('started_at') }}) as first_activity_date,
        max({{ local_date('started_at') }}) as last_activity_date,
        max(extracted_at) as last_extracted_at
    from chat_sessions
    where not coalesce(is_test, false)
),

ticket_coverage as (
    select
        'ticketing.tickets' as source_table,
        min({{ local_date('created_at') }}) as first_activity_date,
        max({{ local_date('created_at') }}) as last_activity_date,
        max(extracted_at) as last_extracted_at
    from tickets
    where not coalesce(is_test, false)
),

source_coverage as (
    select * from call_coverage
    union all
    select * from chat_coverage
    union all
    select * from ticket_coverage
),

-- an extract covers up to the end of its last contact day, or only up to its extraction when that came first
-- (a file cut off mid-afternoon); an extract without contacts covers nothing and does not count
source_coverage_ends as (
    select
        source_table,
        first_activity_date,
        last_activity_date,
        least(
            coalesce(last_extracted_at, {{ local_day_start_at(dbt.dateadd('day', 1, 'last_activity_date')) }}),
            {{ local_day_start_at(dbt.dateadd('day', 1, 'last_activity_date')) }}
        ) as covered_until_at
    from source_coverage
    where last_activity_date is not null
),

-- the data starts with the first contact of any extract (a channel opened later does not make earlier periods
-- partial) and ends where the extract that stops first stops (a lagging export does)
final as (
    select
        min(first_activity_date) as first_activity_date,
        max(last_activity_date) as last_activity_date,
        {{ local_day_start_at('min(first_activity_date)') }} as covered_from_at,
        min(covered_until_at) as covered_until_at
    from source_coverage_ends
)

select * from final
