{#- Customer KPIs. Base, churn, loyalty, lifetime value and record completeness are stocks measured per period
    (int_customer_periods_aggregated, is_additive = false); hand-offs and conversions are additive day rows. -#}
with

customer_periods as (
    select * from {{ ref('int_customer_periods_aggregated') }}
),

survey_plans as (
    select * from {{ ref('stg_surveys__survey_plans') }}
),

service_handoffs as (
    select * from {{ ref('stg_crm__service_handoffs') }}
),

calls as (
    select * from {{ ref('int_calls_summarised') }}
),

periods as (
    select * from {{ ref('int_reporting_periods_spanned') }}
),

plan_extract as (
    select {{ local_date('max(extracted_at)') }} as as_of_date from survey_plans
),

plan_months as (
    select
        survey_plans.plan_id,
        survey_plans.planned_month_date,
        survey_plans.completed_date,
        plan_extract.as_of_date,
        cast({{ dbt.dateadd('month', 1, 'survey_plans.planned_month_date') }} as date) as next_month_date
    from survey_plans
    cross join plan_extract
),

plan_items as (
    -- the deadline is the month's end: a plan not done while its month is still running at the plan extract's as-of
    -- date is undecided (null) and left out of both sides
    select
        plan_id,
        planned_month_date,
        case
            when completed_date < next_month_date then true
            when as_of_date >= next_month_date then false
        end as is_completed_in_month
    from plan_months
),

plan_components as (
    {{ kpi_components('plan_items', 'survey_plan_completion_rate', 'planned_month_date',
        numerator=count_where('is_completed_in_month'), denominator='count(*)',
        where='is_completed_in_month is not null', is_additive=false) }}
),

handoff_extract as (
    select max(extracted_at) as as_of_at from service_handoffs
),

handoffs as (
    select
        service_handoffs.handoff_id,
        service_handoffs.contact_channel,
        {{ local_date('service_handoffs.due_at') }} as due_date,
        -- null while still open and not yet due at the export's as-of time: left out of both sides
        {{ deadline_met('service_handoffs.passed_at', 'service_handoffs.due_at', 'handoff_extract.as_of_at') }}
            as is_passed_on_time
    from service_handoffs
    cross join handoff_extract
),

sales_opportunity_calls as (
    select
        call_id,
        contact_date,
        last_agent_id,
        last_team_id,
        last_answered_queue_id,
        case when is_sale then 1 else 0 end as is_converted
    from calls
    where is_inbound and not is_test and has_sales_opportunity
),

growth_components as (
    {{ period_kpi_components('customer_periods', 'customer_growth_rate',
        numerator='sum(customers_acquired) - sum(customers_lost)', denominator='sum(customers_lost)') }}
),

-- the document divides by the customers lost; with none lost the rate is undefined, not zero
growth_explained as (
    select
        metric_id,
        period_grain,
        period_start,
        dimension_name,
        dimension_value,
        numerator,
        denominator,
        is_additive,
        case
            when denominator = 0
                then 'no customer was lost in the period: the documented formula divides by lost customers'
        end as not_available_reason
    from growth_components
),

components as (
    {{ period_kpi_components('customer_periods', 'customer_churn_rate',
        numerator='sum(start_customers_lost)', denominator='sum(start_customers)') }}
    union all
    {{ period_kpi_components('customer_periods', 'customer_retention_rate',
        numerator='sum(start_customers_retained)', denominator='sum(start_customers)') }}
    union all
    {{ period_kpi_components('customer_periods', 'key_account_churn_count',
        numerator='sum(key_accounts_lost)') }}
    union all
    {{ period_kpi_components('customer_periods', 'customer_loyalty_rate',
        numerator='sum(end_customers_loyal)', denominator='sum(end_customers)', where='has_trailing_measures') }}
    union all
    select * from growth_explained
    union all
    -- (average transaction value * transactions per buyer) = revenue per buyer over the trailing year, times the
    -- average relationship length in years of the customers acquired by the period end
    {{ period_kpi_components('customer_periods', 'customer_lifetime_value',
        numerator='sum(trailing_year_amount) * sum(relationship_days) / sum(customers_acquired_by_end) / 365.25',
        denominator='sum(trailing_year_buyers)', where='has_trailing_measures') }}
    union all
    {{ period_kpi_components('customer_periods', 'customer_record_completeness_rate',
        numerator='sum(end_customers_complete)', denominator='sum(end_customers)') }}
    union all
    select * from plan_components
    where period_grain in ('month', 'quarter', 'year')
    union all
    {{ grain_not_available_components('periods', 'survey_plan_completion_rate', ['day', 'week'],
        'the survey plan is monthly: no value below month grain') }}
    union all
    {{ grain_not_available_components('periods', 'customer_loyalty_rate', ['day', 'week'],
        'a trailing-window measure, computed at month, quarter and year grain') }}
    union all
    {{ grain_not_available_components('periods', 'customer_lifetime_value', ['day', 'week'],
        'a trailing-window measure, computed at month, quarter and year grain') }}
    union all
    {{ kpi_components('handoffs', 'service_information_transfer_timeliness', 'due_date',
        numerator=count_where('is_passed_on_time'), denominator='count(*)',
        dimensions={'channel': 'contact_channel'}, where='is_passed_on_time is not null') }}
    union all
    {{ kpi_components('sales_opportunity_calls', 'conversion_rate', 'contact_date',
        numerator='sum(is_converted)', denominator='count(*)',
        dimensions={'queue': 'last_answered_queue_id', 'team': 'last_team_id', 'agent': 'last_agent_id'}) }}
),

final as (
    select * from components
)

select * from final
