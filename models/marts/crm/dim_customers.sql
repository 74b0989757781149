with

customers as (
    select * from {{ ref('int_customers_enriched') }}
),

final as (
    select
        customer_id,
        -- hashed contact keys, to match contacts that carry only a phone number or e-mail address
        phone_hash,
        email_hash,
        is_key_account,
        segment,
        acquired_date,
        lost_date,
        is_lost,
        relationship_days,
        has_full_name,
        has_phone,
        has_email,
        has_address,
        has_segment,
        is_record_complete,
        as_of_date
    from customers
)

select * from final
