with

base as (
    select * from {{ ref('base_crm__service_handoffs') }}
),

final as (
    select
        handoff_id,
        extracted_at,
        contact_channel,
        contact_id,
        to_department,
        created_at,
        due_at,
        passed_at
    from base
    where row_status = 'staged'
)

select * from final
