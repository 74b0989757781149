{#- One row per month with the finance ledgers in the reporting currency beside the month's answered calls.
    Rows in another currency are left out (there is no exchange-rate table); a measure is null when the month has
    no row for it, so KPIs can require both sides of a ratio. -#}
{%- set revenue_types = ['company_total', 'assisted_marketing', 'active_marketing', 'existing_customer_sales',
                         'new_customer_sales'] -%}
{%- set plan_types = ['existing_customer_sales', 'new_customer_sales'] -%}
{%- set attributed_types = quoted_list(var('attributed_revenue_types')) -%}

with

cost_ledger as (
    select * from {{ ref('stg_finance__cost_ledger') }}
),

revenue as (
    select * from {{ ref('stg_finance__revenue') }}
),

sales_plans as (
    select * from {{ ref('stg_finance__sales_plans') }}
),

calls as (
    select * from {{ ref('int_calls_summarised') }}
),

costs_by_month as (
    select
        month_date,
        sum(actual_amount) as actual_cost
    from cost_ledger
    where currency = '{{ var("reporting_currency") }}'
    group by 1
),

revenue_by_month as (
    select
        month_date,
        {%- for revenue_type in revenue_types %}
            sum(case when revenue_type = '{{ revenue_type }}' then amount end) as {{ revenue_type }}_revenue,
        {%- endfor %}
        sum(case
            when revenue_type in ({{ attributed_types }}) then amount
        end) as attributed_revenue
    from revenue
    where currency = '{{ var("reporting_currency") }}'
    group by 1
),

plans_by_month as (
    select
        month_date,
        {%- for plan_type in plan_types %}
            sum(case when plan_type = '{{ plan_type }}' then planned_amount end) as {{ plan_type }}_plan,
        {%- endfor %}
        count(*) as plan_rows
    from sales_plans
    where currency = '{{ var("reporting_currency") }}'
    group by 1
),

-- answered_call: an inbound call with at least one answered leg, in the month of its first leg
answered_calls_by_month as (
    select
        {{ period_start('month', 'contact_date') }} as month_date,
        count(*) as answered_calls
    from calls
    where is_inbound and not is_test and is_answered
    group by 1
),

months as (
    select month_date from costs_by_month
    union
    select month_date from revenue_by_month
    union
    select month_date from plans_by_month
),

final as (
    select
        months.month_date,
        costs_by_month.actual_cost,
        {%- for revenue_type in revenue_types %}
            revenue_by_month.{{ revenue_type }}_revenue,
        {%- endfor %}
        revenue_by_month.attributed_revenue,
        revenue_by_month.month_date is not null as has_revenue_ledger,
        {%- for plan_type in plan_types %}
            plans_by_month.{{ plan_type }}_plan,
        {%- endfor %}
        coalesce(answered_calls_by_month.answered_calls, 0) as answered_calls
    from months
    left join costs_by_month
        on months.month_date = costs_by_month.month_date
    left join revenue_by_month
        on months.month_date = revenue_by_month.month_date
    left join plans_by_month
        on months.month_date = plans_by_month.month_date
    left join answered_calls_by_month
        on months.month_date = answered_calls_by_month.month_date
)

select * from final
