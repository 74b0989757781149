with

base as (
    select * from {{ ref('base_telephony__interval_arrivals') }}
),

final as (
    select
        queue_id,
        interval_start_at,
        extracted_at,
        interval_minutes,
        arrived_contacts
    from base
    where row_status = 'staged'
)

select * from final
