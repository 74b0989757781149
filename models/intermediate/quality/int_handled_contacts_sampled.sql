-- Handled contacts with whether QA evaluated them: the base of qa_sampling_rate and record_completeness_rate. A
-- contact evaluated twice is one sampled contact.
with

handled_contacts as (
    select * from {{ ref('int_handled_contacts_unioned') }}
),

evaluations as (
    select * from {{ ref('int_qa_evaluations_enriched') }}
),

evaluated_contacts as (
    select distinct
        contact_channel,
        contact_id,
        agent_id
    from evaluations
    where is_matched_to_handled_contact
),

final as (
    select
        {{ dbt.concat([
            'handled_contacts.contact_channel', "':'", 'handled_contacts.contact_id', "':'",
            "coalesce(handled_contacts.agent_id, '')",
        ]) }} as handled_contact_key,
        handled_contacts.contact_channel,
        handled_contacts.contact_id,
        handled_contacts.agent_id,
        handled_contacts.team_id,
        handled_contacts.queue_id,
        handled_contacts.inquiry_category,
        handled_contacts.contact_date,
        handled_contacts.has_complete_record,
        evaluated_contacts.contact_id is not null as is_evaluated
    from handled_contacts
    left join evaluated_contacts
        on
            handled_contacts.contact_channel = evaluated_contacts.contact_channel
            and handled_contacts.contact_id = evaluated_contacts.contact_id
            and handled_contacts.agent_id = evaluated_contacts.agent_id
)

select * from final
