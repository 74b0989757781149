with

base as (
    select * from {{ ref('base_crm__callbacks') }}
),

final as (
    select
        callback_id,
        extracted_at,
        customer_id,
        agent_id,
        made_at,
        outcome
    from base
    where row_status = 'staged'
)

select * from final
