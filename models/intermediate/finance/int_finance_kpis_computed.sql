{#- Finance extracts are monthly, so these KPIs exist at month, quarter and year grain only: kpi_components with
    is_additive = false also emits day and week rows, which would date a whole month's money on its first day, and
    are dropped. A month counts towards a ratio only when it has both sides (e.g. a ledger and a company total). -#}
{%- set finance_metrics = [
    'cost_per_call', 'cost_budget_ratio', 'assisted_marketing_revenue_ratio', 'active_marketing_revenue_ratio',
    'service_roi', 'cost_benefit_ratio', 'secondary_sales_attainment', 'new_customer_sales_attainment',
] -%}

with

finance_months as (
    select * from {{ ref('int_finance_months_aggregated') }}
),

cost_ledger as (
    select * from {{ ref('stg_finance__cost_ledger') }}
),

periods as (
    select * from {{ ref('int_reporting_periods_spanned') }}
),

-- budget comparisons use only ledger rows that carry a budget (rows without one are not silently added to the
-- actual), in the reporting currency; the cost types of a month add up to the centre
budgeted_costs as (
    select
        month_date,
        cost_type,
        actual_amount,
        budget_amount
    from cost_ledger
    where currency = '{{ var("reporting_currency") }}' and budget_amount is not null
),

components as (
    {{ kpi_components('finance_months', 'cost_per_call', 'month_date',
        numerator='sum(actual_cost)', denominator='sum(answered_calls)',
        where='actual_cost is not null', is_additive=false) }}
    union all
    {{ kpi_components('budgeted_costs', 'cost_budget_ratio', 'month_date',
        numerator='sum(actual_amount)', denominator='sum(budget_amount)',
        dimensions={'cost_type': 'cost_type'}, is_additive=false) }}
    union all
    {{ kpi_components('finance_months', 'assisted_marketing_revenue_ratio', 'month_date',
        numerator='sum(coalesce(assisted_marketing_revenue, 0))', denominator='sum(company_total_revenue)',
        where='company_total_revenue is not null', is_additive=false) }}
    union all
    {{ kpi_components('finance_months', 'active_marketing_revenue_ratio', 'month_date',
        numerator='sum(coalesce(active_marketing_revenue, 0))', denominator='sum(company_total_revenue)',
        where='company_total_revenue is not null', is_additive=false) }}
    union all
    {{ kpi_components('finance_months', 'service_roi', 'month_date',
        numerator='sum(coalesce(attributed_revenue, 0)) - sum(actual_cost)', denominator='sum(actual_cost)',
        where='actual_cost is not null and has_revenue_ledger', is_additive=false) }}
    union all
    {{ kpi_components('finance_months', 'cost_benefit_ratio', 'month_date',
        numerator='sum(coalesce(attributed_revenue, 0))', denominator='sum(actual_cost)',
        where='actual_cost is not null and has_revenue_ledger', is_additive=false) }}
    union all
    {{ kpi_components('finance_months', 'secondary_sales_attainment', 'month_date',
        numerator='sum(coalesce(existing_customer_sales_revenue, 0))', denominator='sum(existing_customer_sales_plan)',
        where='existing_customer_sales_plan is not null and has_revenue_ledger', is_additive=false) }}
    union all
    {{ kpi_components('finance_months', 'new_customer_sales_attainment', 'month_date',
        numerator='sum(coalesce(new_customer_sales_revenue, 0))', denominator='sum(new_customer_sales_plan)',
        where='new_customer_sales_plan is not null and has_revenue_ledger', is_additive=false) }}
),

not_available as (
    {{ grain_not_available_components('periods', finance_metrics, ['day', 'week'],
        'finance extracts are monthly: no value below month grain') }}
),

final as (
    select * from components
    where period_grain in ('month', 'quarter', 'year')
    union all
    select * from not_available
)

select * from final
