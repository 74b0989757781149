{#- Customer base per reporting period. A customer is active on day d when acquired_date <= d and (lost_date blank
    or lost_date > d): the lost_date is the first day without the customer. "At the period start" = active on the
    day before it (acquired before the start, not lost before it); "at the period end" = active on its last day. -#}
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

transactions_dated as (
    select
        customer_id,
        {{ local_date('transacted_at') }} as transacted_date,
        amount,
        currency = '{{ var("reporting_currency") }}' as is_reporting_currency
    from transactions
),

-- transactions in the trailing windows that end on each period's last day: the loyalty window
-- (var loyalty_window_days) and the year used by customer_lifetime_value
trailing_transactions as (
    select
        periods.period_grain,
        periods.period_start,
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
    group by 1, 2, 3
),

customer_periods as (
    select
        periods.period_grain,
        periods.period_start,
        periods.period_end_date,
        customers.customer_id,
        customers.is_key_account,
        customers.is_record_complete,
        customers.acquired_date,
        customers.lost_date,
        customers.acquired_date < periods.period_start
        and (customers.lost_date is null or customers.lost_date >= periods.period_start) as is_in_start_base,
        customers.acquired_date <= periods.period_end_date
        and (customers.lost_date is null or customers.lost_date > periods.period_end_date) as is_active_at_end,
        coalesce(trailing_transactions.loyalty_window_transactions, 0) as loyalty_window_transactions,
        coalesce(trailing_transactions.trailing_year_transactions, 0) as trailing_year_transactions,
        coalesce(trailing_transactions.trailing_year_amount, 0) as trailing_year_amount,
        -- relationship length as of the period end, lost customers up to their lost_date
        {{ dbt.datediff(
            'customers.acquired_date',
            'coalesce(least(customers.lost_date, periods.period_end_date), periods.period_end_date)',
            'day',
        ) }} as relationship_days
    from customers
    inner join periods
        on customers.acquired_date <= periods.period_end_date
    left join trailing_transactions
        on
            customers.customer_id = trailing_transactions.customer_id
            and periods.period_grain = trailing_transactions.period_grain
            and periods.period_start = trailing_transactions.period_start
),

final as (
    select
        period_grain,
        period_start,
        period_end_date,
        sum(case when is_in_start_base then 1 else 0 end) as start_customers,
        sum(case
            when is_in_start_base and lost_date <= period_end_date then 1 else 0
        end) as start_customers_lost,
        sum(case
            when is_in_start_base and (lost_date is null or lost_date > period_end_date) then 1 else 0
        end) as start_customers_retained,
        sum(case when acquired_date >= period_start then 1 else 0 end) as customers_acquired,
        sum(case when lost_date between period_start and period_end_date then 1 else 0 end) as customers_lost,
        sum(case
            when is_key_account and lost_date between period_start and period_end_date then 1 else 0
        end) as key_accounts_lost,
        sum(case when is_active_at_end then 1 else 0 end) as end_customers,
        sum(case when is_active_at_end and is_record_complete then 1 else 0 end) as end_customers_complete,
        sum(case
            when is_active_at_end and loyalty_window_transactions >= {{ var('loyalty_min_transactions') }}
                then 1
            else 0
        end) as end_customers_loyal,
        count(*) as customers_acquired_by_end,
        sum(relationship_days) as relationship_days,
        sum(case when trailing_year_transactions > 0 then 1 else 0 end) as trailing_year_buyers,
        sum(trailing_year_transactions) as trailing_year_transactions,
        sum(trailing_year_amount) as trailing_year_amount
    from customer_periods
    group by 1, 2, 3
)

select * from final
