with

base as (
    select * from {{ ref('base_finance__revenue') }}
),

final as (
    select
        revenue_entry_id,
        extracted_at,
        month_date,
        revenue_type,
        amount,
        currency
    from base
    where row_status = 'staged'
)

select * from final
