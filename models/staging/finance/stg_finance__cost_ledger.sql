with

base as (
    select * from {{ ref('base_finance__cost_ledger') }}
),

final as (
    select
        ledger_entry_id,
        extracted_at,
        month_date,
        cost_type,
        actual_amount,
        budget_amount,
        currency
    from base
    where row_status = 'staged'
)

select * from final
