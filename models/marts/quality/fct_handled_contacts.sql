with

handled_contacts as (
    select * from {{ ref('int_handled_contacts_sampled') }}
),

final as (
    select
        handled_contact_key,
        contact_channel,
        contact_id,
        agent_id,
        team_id,
        queue_id,
        inquiry_category,
        contact_date,
        has_complete_record,
        is_evaluated
    from handled_contacts
)

select * from final
