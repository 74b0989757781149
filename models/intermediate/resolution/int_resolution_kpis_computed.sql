{%- set contact_slices = kpi_slices(['channel', 'queue', 'agent', 'team', 'inquiry_category']) -%}
{%- set ticket_slices = kpi_slices(['channel', 'agent', 'team', 'inquiry_category']) -%}
with

contacts as (
    select * from {{ ref('int_contacts_linked_to_issues') }}
),

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

issue_contacts as (
    select * from contacts
    where is_issue_contact
),

-- an issue is counted once, on its first contact (dated, sliced and attributed by it); repeats are not issues
issues as (
    select * from issue_contacts
    where is_first_contact_of_issue
),

issues_opened_by_call as (
    select * from issues
    where contact_type = 'call'
),

real_tickets as (
    select * from tickets
    where not is_test
),

components as (
    {{ kpi_components('issues', 'first_contact_resolution_rate', 'contact_date',
                      count_where('is_first_contact_resolved'), 'count(*)', dimensions=contact_slices) }}
    union all
    {{ kpi_components('issues_opened_by_call', 'first_call_resolution_rate', 'contact_date',
                      count_where('is_first_contact_resolved'), 'count(*)',
                      dimensions={'queue': 'queue_id', 'agent': 'agent_id', 'team': 'team_id',
                                  'inquiry_category': 'inquiry_category'}) }}
    union all
    {{ kpi_components('issues', 'resolution_rate', 'contact_date',
                      count_where('is_issue_resolved_by_month_end'), 'count(*)', dimensions=contact_slices) }}
    union all
    {{ kpi_components('issue_contacts', 'average_resolution_time', 'resolved_date',
                      'sum(resolution_seconds)', 'count(*)', dimensions=ticket_slices,
                      where='resolution_seconds is not null') }}
    union all
    {{ kpi_components('issue_contacts', 'follow_up_completion_rate', 'contact_date',
                      count_where('is_follow_up_completed'), 'count(*)', dimensions=ticket_slices,
                      where='is_follow_up_completed is not null') }}
    union all
    {{ kpi_components('issue_contacts', 'repeat_contact_rate', 'contact_date',
                      count_where('is_repeat_contact'), 'count(*)',
                      dimensions={'channel': 'channel', 'queue': 'queue_id',
                                  'inquiry_category': 'inquiry_category'}) }}
    union all
    {{ kpi_components('real_tickets', 'sla_attainment_rate', 'created_date',
                      count_where('is_sla_met'), 'count(*)',
                      dimensions=dict(ticket_slices, ticket_priority='priority'),
                      where='is_sla_met is not null') }}
),

final as (
    select * from components
)

select * from final
