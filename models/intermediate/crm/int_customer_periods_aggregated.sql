{#- Customer base per reporting period. A customer is active on day d when acquired_date <= d and (lost_date blank
    or lost_date > d): the lost_date is the first day without the customer. "At the period start" = active on the
    day before it (acquired before the start, not lost before it); "at the period end" = active on its last day.
    Customers are counted in cohorts of identical dates and flags, so the period join grows with distinct dates,
    not with customers. Trailing-window measures (loyalty, lifetime value) exist for month, quarter and year only:
    at day and week grain they would repeat nearly the same 365-day window at a cost of one join row per
    transaction and day. -#}
{%- set trailing_grains = "('month', 'quarter', 'year')" -%}

with

customers as (
    select * from {{ ref('int_customers_enriched') }}
),

transactions as (
    select * from {{ ref('stg_crm__transactions') }}
),

periods as (
    select * from {{ ref('int_reporting_periods_spanned') }}
),

cohorts as (
    select
        acquired_date,
        lost_date,
        is_key_account,
        is_record_complete,
        count(*) as customers
    from customers
    group by 1, 2, 3, 4
),

cohort_periods as (
    select
        periods.period_grain,
        periods.period_start,
        periods.period_end_date,
        cohorts.customers,
        cohorts.is_key_account,
        cohorts.is_record_complete,
        cohorts.acquired_date,
        cohorts.lost_date,
        cohorts.acquired_date < periods.period_start
        and (cohorts.lost_date is null or cohorts.lost_date >= periods.period_start) as is_in_start_base,
        cohorts.lost_date is null or cohorts.lost_date > periods.period_end_date as is_active_at_end,
        -- relationship length as of the period end, lost customers up to their lost_date
        {{ dbt.datediff(
            'cohorts.acquired_date',
            'coalesce(least(cohorts.lost_date, periods.period_end_date), periods.period_end_date)',
            'day',
        ) }} as relationship_days
    from cohorts
    inner join periods
        on cohorts.acquired_date <= periods.period_end_date
),

base_by_period as (
    select
        period_grain,
        period_start,
        period_end_date,
        sum(case when is_in_start_base then customers else 0 end) as start_customers,
        sum(case
            when is_in_start_base and lost_date <= period_end_date then customers else 0
        end) as start_customers_lost,
        sum(case
            when is_in_start_base and (lost_date is null or lost_date > period_end_date) then customers else 0
        end) as start_customers_retained,
        sum(case when acquired_date >= period_start then customers else 0 end) as customers_acquired,
        sum(case
            when lost_date between period_start and period_end_date then customers else 0
        end) as customers_lost,
        sum(case
            when is_key_account and lost_date between period_start and period_end_date then customers else 0
        end) as key_accounts_lost,
        sum(case when is_active_at_end then customers else 0 end) as end_customers,
        sum(case when is_active_at_end and is_record_complete then customers else 0 end) as end_customers_complete,
        sum(customers) as customers_acquired_by_end,
        sum(relationship_days * customers) as relationship_days
    from cohort_periods
    group by 1, 2, 3
),

transactions_dated as (
    select
        customer_id,
        {{ local_date('transacted_at') }} as transacted_date,
        amount,
        currency = '{{ var("reporting_currency") }}' as is_reporting_currency
    from transactions
),

-- per customer, the transactions in the windows that end on the period's last day: the loyalty window
-- (var loyalty_window_days, any currency) and the year used by customer_lifetime_value (reporting currency)
trailing_transactions as (
    select
        periods.period_grain,
        periods.period_start,
        periods.period_end_date,
        transactions_dated.customer_id,
        sum(case
            when
                transactions_dated.transacted_date
                > {{ dbt.dateadd('day', -1 * var('loyalty_window_days'), 'periods.period_end_date') }}
                then 1
            else 0
        end) as loyalty_window_transactions,
        sum(case
            when
                transactions_dated.transacted_date > {{ dbt.dateadd('year', -1, 'periods.period_end_date') }}
                and transactions_dated.is_reporting_currency
                then 1
            else 0
        end) as trailing_year_transactions,
        sum(case
            when
                transactions_dated.transacted_date > {{ dbt.dateadd('year', -1, 'periods.period_end_date') }}
                and transactions_dated.is_reporting_currency
                then transactions_dated.amount
            else 0
        end) as trailing_year_amount
    from transactions_dated
    inner join periods
        on
            transactions_dated.transacted_date <= periods.period_end_date
            and transactions_dated.transacted_date > least(
                {{ dbt.dateadd('day', -1 * var('loyalty_window_days'), 'periods.period_end_date') }},
                {{ dbt.dateadd('year', -1, 'periods.period_end_date') }}
            )
    where periods.period_grain in {{ trailing_grains }}
    group by 1, 2, 3, 4
),

trailing_by_period as (
    select
        trailing_transactions.period_grain,
        trailing_transactions.period_start,
        sum(case
            when
                customers.acquired_date <= trailing_transactions.period_end_date
                and (customers.lost_date is null or customers.lost_date > trailing_transactions.period_end_date)
                and trailing_transactions.loyalty_window_transactions >= {{ var('loyalty_min_transactions') }}
                then 1
            else 0
        end) as end_customers_loyal,
        sum(case when trailing_transactions.trailing_year_transactions > 0 then 1 else 0 end) as trailing_year_buyers,
        sum(trailing_transactions.trailing_year_transactions) as trailing_year_transactions,
        sum(trailing_transactions.trailing_year_amount) as trailing_year_amount
    from trailing_transactions
    inner join customers
        on trailing_transactions.customer_id = customers.customer_id
    group by 1, 2
),

final as (
    select
        base_by_period.period_grain,
        base_by_period.period_start,
        base_by_period.period_end_date,
        base_by_period.start_customers,
        base_by_period.start_customers_lost,
        base_by_period.start_customers_retained,
        base_by_period.customers_acquired,
        base_by_period.customers_lost,
        base_by_period.key_accounts_lost,
        base_by_period.end_customers,
        base_by_period.end_customers_complete,
        base_by_period.customers_acquired_by_end,
        base_by_period.relationship_days,
        base_by_period.period_grain in {{ trailing_grains }} as has_trailing_measures,
        coalesce(trailing_by_period.end_customers_loyal, 0) as end_customers_loyal,
        coalesce(trailing_by_period.trailing_year_buyers, 0) as trailing_year_buyers,
        coalesce(trailing_by_period.trailing_year_transactions, 0) as trailing_year_transactions,
        coalesce(trailing_by_period.trailing_year_amount, 0) as trailing_year_amount
    from base_by_period
    left join trailing_by_period
        on
            base_by_period.period_grain = trailing_by_period.period_grain
            and base_by_period.period_start = trailing_by_period.period_start
)

select * from final
