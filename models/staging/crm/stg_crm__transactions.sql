with

base as (
    select * from {{ ref('base_crm__transactions') }}
),

final as (
    select
        transaction_id,
        extracted_at,
        customer_id,
        transacted_at,
        amount,
        currency
    from base
    where row_status = 'staged'
)

select * from final
