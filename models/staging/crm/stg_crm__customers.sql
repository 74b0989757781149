with

base as (
    select * from {{ ref('base_crm__customers') }}
),

final as (
    select
        customer_id,
        extracted_at,
        full_name_hash,
        phone_hash,
        email_hash,
        has_address,
        is_key_account,
        segment,
        acquired_date,
        lost_date
    from base
    where row_status = 'staged'
)

select * from final
