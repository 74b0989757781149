{%- set complaint_slices = kpi_slices(['channel', 'agent', 'team', 'inquiry_category']) -%}
with

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

contacts as (
    select * from {{ ref('int_contacts_unioned') }}
),

customer_feedback as (
    select * from {{ ref('int_customer_feedback_enriched') }}
),

complaints as (
    select * from tickets
    where is_complaint
),

-- complaints are dated by creation, inquiries and customers served by their contact day
complaints_and_inquiries as (
    select * from contacts
    where is_complaint or is_inquiry or is_customer_served
),

components as (
    {{ kpi_components('complaints_and_inquiries', 'complaint_rate', 'contact_date',
                      count_where('is_complaint'), count_where('is_inquiry'),
                      dimensions={'channel': 'channel'}, where='is_complaint or is_inquiry') }}
    union all
    {{ kpi_components('complaints_and_inquiries', 'complaint_rate_per_customer', 'contact_date',
                      count_where('is_complaint'),
                      'count(distinct case when is_customer_served then customer_id end)',
                      dimensions={'channel': 'channel'}, is_additive=false) }}
    union all
    {{ kpi_components('complaints', 'complaint_resolved_within_24h_rate', 'created_date',
                      count_where('is_resolved_within_complaint_hours'), 'count(*)', dimensions=complaint_slices,
                      where='is_resolved_within_complaint_hours is not null') }}
    union all
    {{ kpi_components('complaints', 'complaint_resolution_rate', 'created_date',
                      count_where('is_resolution_accepted'), 'count(*)', dimensions=complaint_slices) }}
    union all
    {{ kpi_components('complaints', 'complaint_handling_rate', 'created_date',
                      count_where('is_resolved_by_month_end'), 'count(*)', dimensions=complaint_slices) }}
    union all
    {{ kpi_components('complaints', 'complaint_resolution_satisfaction_rate', 'resolved_date',
                      count_where('is_resolution_rated_satisfied'), 'count(*)', dimensions=complaint_slices,
                      where='resolution_rating is not null') }}
    union all
    {{ kpi_components('complaints', 'average_complaint_resolution_time', 'resolved_date',
                      'sum(resolution_seconds)', 'count(*)', dimensions=complaint_slices) }}
    union all
    {{ kpi_components('complaints', 'valid_complaint_ratio', 'created_date',
                      count_where('complaint_is_valid'), 'count(*)', dimensions=complaint_slices,
                      where='complaint_is_valid is not null') }}
    union all
    -- an agent's (and team's) valid complaints are those charged to the agent at fault, not the ticket's owner
    {{ kpi_components('complaints', 'valid_complaint_count', 'created_date',
                      count_where('is_valid_fault_complaint'),
                      dimensions=kpi_slices(['channel', 'agent', 'team', 'inquiry_category'],
                                            {'agent': 'charged_agent_id', 'team': 'charged_team_id'})) }}
    union all
    {{ kpi_components('complaints', 'complaint_escalation_rate', 'created_date',
                      count_where('is_escalated_complaint'), 'count(*)', dimensions=complaint_slices) }}
    union all
    {{ kpi_components('customer_feedback', 'feedback_timeliness_rate', 'response_due_date',
                      count_where('is_responded_on_time'), 'count(*)',
                      where='is_opinion_or_suggestion and is_responded_on_time is not null') }}
    union all
    {{ kpi_components('customer_feedback', 'feedback_processing_rate', 'received_date',
                      count_where('is_processed_by_month_end'), 'count(*)') }}
),

final as (
    select * from components
)

select * from final
