{%- set ticket_slices = kpi_slices(['channel', 'agent', 'team', 'inquiry_category']) -%}
{#- the finance ledger is monthly: cost KPIs exist at month, quarter and year grain only, nothing is allocated -#}
{%- set monthly_grains = ['month', 'quarter', 'year'] -%}
with

contacts as (
    select * from {{ ref('int_contacts_linked_to_issues') }}
),

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

ticket_events as (
    select * from {{ ref('int_ticket_events_enriched') }}
),

agent_days as (
    select * from {{ ref('int_agent_days_summarised') }}
),

cost_ledger as (
    select * from {{ ref('stg_finance__cost_ledger') }}
),

survey_responses as (
    select * from {{ ref('stg_surveys__survey_responses') }}
),

inquiries as (
    select * from contacts
    where is_inquiry
),

received_contacts as (
    select * from contacts
    where is_received_contact
),

handled_ticket_events as (
    select * from ticket_events
    where is_agent_action and not is_test
),

working_agent_days as (
    select * from agent_days
    where is_working_day
),

resolved_tickets as (
    select * from tickets
    where not is_test and resolved_at is not null
),

monthly_costs as (
    select
        month_date,
        sum(actual_amount) as cost_amount
    from cost_ledger
    -- no exchange rates in the extracts: entries in another currency are left out
    where currency = '{{ var("reporting_currency") }}'
    group by month_date
),

-- costs, inquiries and customers served of the months the ledger covers, one row each, dated by month. 000 五.3
-- divides by 总咨询量 (inquiries: queued inbound calls and online inquiries), so outbound calls, social posts and
-- chats the bot handled alone are not counted
monthly_cost_inputs as (
    select
        month_date,
        cost_amount,
        0 as inquiry_count,
        cast(null as {{ dbt.type_string() }}) as served_customer_id
    from monthly_costs
    union all
    select
        monthly_costs.month_date,
        0 as cost_amount,
        case when contacts.is_inquiry then 1 else 0 end as inquiry_count,
        case when contacts.is_customer_served then contacts.customer_id end as served_customer_id
    from contacts
    inner join monthly_costs
        on {{ period_start('month', 'contacts.contact_date') }} = monthly_costs.month_date
    where contacts.is_inquiry or contacts.is_customer_served
),

-- 满意客户数 / 总客户数 over the same period: customers served in the period who also gave a satisfied rating in
-- it, out of the customers served, so the numerator is a subset of the denominator at every grain
customer_days as (
    select
        contact_date as activity_date,
        customer_id,
        1 as is_served,
        0 as is_satisfied
    from contacts
    where is_customer_served
    union all
    select
        {{ local_date('answered_at') }} as activity_date,
        customer_id,
        0 as is_served,
        1 as is_satisfied
    from survey_responses
    where csat_score >= {{ var('csat_satisfied_min') }} and customer_id is not null
),

satisfaction_components as (
    {%- for grain in kpi_grains() %}
        select
            'satisfied_customer_rate' as metric_id,
            '{{ grain }}' as period_grain,
            period_start,
            'centre' as dimension_name,
            'all' as dimension_value,
            cast(sum(is_served * is_satisfied) as {{ dbt.type_float() }}) as numerator,
            cast(sum(is_served) as {{ dbt.type_float() }}) as denominator,
            false as is_additive,
            cast(null as {{ dbt.type_string() }}) as not_available_reason
        from (
            select
                {{ period_start(grain, 'activity_date') }} as period_start,
                customer_id,
                max(is_served) as is_served,
                max(is_satisfied) as is_satisfied
            from customer_days
            group by {{ period_start(grain, 'activity_date') }}, customer_id
        ) as customer_periods
        group by period_start
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

cost_components as (
    select * from (
        {{ kpi_components('monthly_cost_inputs', 'cost_per_contact', 'month_date',
                          'sum(cost_amount)', 'sum(inquiry_count)', is_additive=false) }}
        union all
        {{ kpi_components('monthly_cost_inputs', 'cost_per_customer_served', 'month_date',
                          'sum(cost_amount)', 'count(distinct served_customer_id)', is_additive=false) }}
    ) as all_grains
    where period_grain in ({{ quoted_list(monthly_grains) }})
),

components as (
    {{ kpi_components('inquiries', 'unanswered_rate', 'contact_date',
                      count_where('not is_replied'), 'count(*)',
                      dimensions={'channel': 'channel', 'queue': 'queue_id'}) }}
    union all
    {{ kpi_components('received_contacts', 'self_service_ratio', 'contact_date',
                      count_where('is_self_served'), 'count(*)', dimensions={'channel': 'channel'},
                      where='not is_test') }}
    union all
    {{ kpi_components('handled_ticket_events', 'tickets_handled', 'event_date',
                      'count(distinct ticket_id)', dimensions=ticket_slices, is_additive=false) }}
    union all
    {{ kpi_components('working_agent_days', 'contacts_per_agent_day', 'work_date',
                      'sum(handled_contact_count)', 'count(*)', dimensions={'agent': 'agent_id', 'team': 'team_id'}) }}
    union all
    {{ kpi_components('received_contacts', 'effective_service_ratio', 'contact_date',
                      count_where('not is_test and not is_repeat_of_unresolved'), 'count(*)',
                      dimensions={'channel': 'channel'}) }}
    union all
    -- as the document writes it, resolved / average hours x 100 (a count over a time), kept as the identical
    -- 100 x resolved^2 / total hours so both parts stay exact sums
    {{ kpi_components('resolved_tickets', 'problem_resolution_efficiency', 'resolved_date',
                      '100.0 * count(*) * count(*)', 'sum(resolution_seconds) / 3600.0', dimensions=ticket_slices,
                      is_additive=false) }}
    union all
    select * from cost_components
    union all
    select * from satisfaction_components
),

final as (
    select * from components
)

select * from final
