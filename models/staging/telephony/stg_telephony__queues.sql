with

base as (
    select * from {{ ref('base_telephony__queues') }}
),

final as (
    select
        queue_id,
        extracted_at,
        queue_name,
        channel,
        skill,
        priority,
        site
    from base
    where row_status = 'staged'
)

select * from final
