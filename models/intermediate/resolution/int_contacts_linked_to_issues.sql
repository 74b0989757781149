{#- Every row of int_contacts_unioned, with the issue it belongs to and what happened to that issue afterwards.
    Issue columns are filled for issue contacts only (answered calls, agent chats, written tickets without a source
    contact): issue_key = customer key + inquiry category. An issue is a run of contacts on one issue key, each
    within repeat_contact_window_days of the one before (the later ones are its repeats); a longer gap opens a new
    issue. FCR and resolution_rate count issues, on their first contact's row. -#}
with

contacts as (
    select * from {{ ref('int_contacts_unioned') }}
),

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

-- follow-up deadlines are judged at the ticketing extract's as-of time: the follow-up work is recorded there
ticket_extract as (
    select max(as_of_at) as as_of_at from tickets
),

keyed as (
    select
        *,
        case
            when is_issue_contact and customer_key is not null and inquiry_category is not null
                then {{ dbt.concat(['customer_key', "'|'", 'inquiry_category']) }}
        end as issue_key,
        case contact_type
            when 'call' then 'phone'
            when 'chat' then 'chat'
            when 'social_post' then 'social'
        end as source_contact_channel
    from contacts
),

follow_ups as (
    -- a ticket naming a contact in source_contact_id continues that contact (it is not a new contact)
    select
        keyed.contact_key,
        count(*) as follow_up_ticket_count,
        min(tickets.first_follow_up_activity_at) as first_follow_up_activity_at,
        max(tickets.resolved_at) as follow_ups_resolved_at,
        min(case when tickets.resolved_at is null then 0 else 1 end) = 1 as are_follow_ups_resolved
    from keyed
    inner join tickets
        on
            keyed.contact_id = tickets.source_contact_id
            and not tickets.is_test
            and (
                tickets.source_contact_channel is null
                or keyed.source_contact_channel = tickets.source_contact_channel
                or (
                    keyed.contact_type = 'ticket'
                    and tickets.source_contact_channel not in ('phone', 'chat', 'social')
                )
            )
    group by keyed.contact_key
),

sequenced as (
    select
        keyed.*,
        coalesce(follow_ups.follow_up_ticket_count, 0) as follow_up_ticket_count,
        follow_ups.first_follow_up_activity_at,
        follow_ups.follow_ups_resolved_at,
        coalesce(follow_ups.are_follow_ups_resolved, false) as are_follow_ups_resolved,
        ticket_extract.as_of_at,
        case
            when keyed.issue_key is not null then
                lag(keyed.contact_started_at) over (
                    partition by keyed.issue_key order by keyed.contact_started_at, keyed.contact_key
                )
        end as previous_issue_contact_at,
        case
            when keyed.issue_key is not null then
                lag(keyed.is_resolved_in_contact) over (
                    partition by keyed.issue_key order by keyed.contact_started_at, keyed.contact_key
                )
        end as is_previous_issue_contact_resolved,
        case
            when keyed.issue_key is not null then
                lead(keyed.contact_started_at) over (
                    partition by keyed.issue_key order by keyed.contact_started_at, keyed.contact_key
                )
        end as next_issue_contact_at
    from keyed
    cross join ticket_extract
    left join follow_ups
        on keyed.contact_key = follow_ups.contact_key
),

flagged as (
    select
        *,
        coalesce(
            {{ dbt.datediff('previous_issue_contact_at', 'contact_started_at', 'second') }}
            <= {{ var('repeat_contact_window_days') }} * 86400,
            false
        ) as is_repeat_contact,
        coalesce(
            {{ dbt.datediff('contact_started_at', 'next_issue_contact_at', 'second') }}
            <= {{ var('repeat_contact_window_days') }} * 86400,
            false
        ) as is_followed_by_repeat,
        case
            when is_resolved_in_contact then resolved_in_contact_at
            when are_follow_ups_resolved then follow_ups_resolved_at
        end as resolved_at,
        -- resolved in the contact: from the start of handling (answer, chat start, ticket creation); resolved by
        -- follow-up tickets: from the start of the contact
        case
            when is_resolved_in_contact then handling_started_at
            when are_follow_ups_resolved then contact_started_at
        end as resolution_started_at
    from sequenced
),

issues_numbered as (
    select
        *,
        -- the n-th run of contacts on the issue key: every contact that is not a repeat opens the next issue
        case
            when issue_key is not null then
                sum(case when is_repeat_contact then 0 else 1 end) over (
                    partition by issue_key
                    order by contact_started_at, contact_key
                    rows between unbounded preceding and current row
                )
        end as issue_number
    from flagged
),

issues_identified as (
    select
        *,
        case
            when issue_key is not null
                then {{ dbt.concat(['issue_key', "'#'", 'cast(issue_number as ' ~ dbt.type_string() ~ ')']) }}
            -- without a customer or a category a contact cannot be linked: it is an issue on its own
            when is_issue_contact then contact_key
        end as issue_id,
        is_issue_contact and (is_resolved_in_contact or are_follow_ups_resolved) as is_resolved,
        -- calls and chats left open need a follow-up ticket
        is_issue_contact
        and contact_type in ('call', 'chat')
        and coalesce(resolution_status in ('unresolved', 'follow_up'), false) as needs_follow_up,
        -- calls and chats resolved in the contact are resolved the day they happen
        case
            when is_resolved_in_contact and contact_type <> 'ticket' then contact_date
            else {{ local_date('resolved_at') }}
        end as resolved_on_date
    from issues_numbered
),

issue_outcomes as (
    -- an issue ends with its last contact (the one no repeat follows): it is resolved when that contact was
    -- resolved, in the contact or by its follow-up tickets (000 二.2: 含二次跟进解决的情况)
    select
        issue_id,
        min(contact_date) as issue_date,
        max(case when not is_followed_by_repeat and is_resolved then resolved_on_date end) as issue_resolved_date
    from issues_identified
    where issue_id is not null
    group by issue_id
),

follow_up_deadlines as (
    select
        issues_identified.*,
        issue_outcomes.issue_date,
        issue_outcomes.issue_resolved_date,
        -- the follow-up ticket's first touch within 24 h and its closing within 72 h of the contact's end; each
        -- deadline is open (null) until it passes at the as-of time
        {{ deadline_met(
            'issues_identified.first_follow_up_activity_at',
            dbt.dateadd('hour', var('follow_up_first_hours'), 'issues_identified.contact_ended_at'),
            'issues_identified.as_of_at'
        ) }} as is_follow_up_touched_in_time,
        {{ deadline_met(
            'case when issues_identified.are_follow_ups_resolved then issues_identified.follow_ups_resolved_at end',
            dbt.dateadd('hour', var('follow_up_close_hours'), 'issues_identified.contact_ended_at'),
            'issues_identified.as_of_at'
        ) }} as is_follow_up_closed_in_time
    from issues_identified
    left join issue_outcomes
        on issues_identified.issue_id = issue_outcomes.issue_id
),

final as (
    select
        contact_key,
        contact_type,
        contact_id,
        channel,
        contact_started_at,
        contact_ended_at,
        contact_date,
        queue_id,
        agent_id,
        team_id,
        customer_id,
        customer_key,
        inquiry_category,
        resolution_status,
        is_test,
        is_received_contact,
        is_contact,
        is_inquiry,
        is_online_inquiry,
        is_replied,
        is_issue_contact,
        is_customer_served,
        is_self_served,
        is_complaint,
        is_resolved_in_contact,
        issue_key,
        issue_id,
        follow_up_ticket_count,
        first_follow_up_activity_at,
        are_follow_ups_resolved,
        is_repeat_contact,
        is_repeat_contact and not coalesce(is_previous_issue_contact_resolved, false) as is_repeat_of_unresolved,
        is_followed_by_repeat,
        is_issue_contact and not is_repeat_contact as is_first_contact_of_issue,
        -- FCR: the issue's first contact resolved it, first time, with no follow-up ticket and no repeat after it
        is_issue_contact
        and not is_repeat_contact
        and is_resolved_first_time
        and follow_up_ticket_count = 0
        and not is_followed_by_repeat as is_first_contact_resolved,
        is_resolved,
        resolved_at,
        {{ local_date('resolved_at') }} as resolved_date,
        {{ dbt.datediff('resolution_started_at', 'resolved_at', 'second') }}
            as resolution_seconds,
        is_issue_contact
        and not is_repeat_contact
        and {{ done_by_month_end('issue_resolved_date', 'issue_date') }} as is_issue_resolved_by_month_end,
        needs_follow_up,
        -- true: both deadlines met; false: either missed; null: not needed, or still open and not yet due
        case
            when not needs_follow_up then null
            when not is_follow_up_touched_in_time or not is_follow_up_closed_in_time then false
            when is_follow_up_touched_in_time and is_follow_up_closed_in_time then true
        end as is_follow_up_completed
    from follow_up_deadlines
)

select * from final
