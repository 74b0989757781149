with

base as (
    select * from {{ ref('base_crm__customer_feedback') }}
),

final as (
    select
        feedback_id,
        extracted_at,
        customer_id,
        feedback_type,
        received_at,
        promised_response_at,
        responded_at,
        processed_at
    from base
    where row_status = 'staged'
)

select * from final
