{#- One row per QA evaluation with its pass/compliance verdicts and the handled contact it evaluated. The QA tool
    writes phone, chat or the ticket's own channel; every non-phone, non-chat evaluation is of a ticket. -#}
with

evaluations as (
    select * from {{ ref('stg_qa__qa_evaluations') }}
),

handled_contacts as (
    select * from {{ ref('int_handled_contacts_unioned') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

typed as (
    select
        *,
        case when contact_channel in ('phone', 'chat') then contact_channel else 'ticket' end as contact_type
    from evaluations
),

final as (
    select
        typed.evaluation_id,
        typed.contact_type as contact_channel,
        typed.contact_id,
        typed.agent_id,
        employees.team_id,
        typed.evaluator_id,
        typed.evaluated_at,
        {{ local_date('typed.evaluated_at') }} as evaluated_date,
        typed.total_score,
        -- pass: the score reaches var qa_pass_score; forbidden words fail the form whatever the score
        -- (var qa_forbidden_words_fail)
        typed.total_score >= {{ var('qa_pass_score') }}
        {%- if var('qa_forbidden_words_fail') %}
            and not coalesce(typed.forbidden_words_used, false)
        {%- endif %} as is_passed,
        typed.greeting_ok,
        typed.closing_ok,
        typed.forbidden_words_used,
        case
            when
                typed.greeting_ok is not null and typed.closing_ok is not null
                and typed.forbidden_words_used is not null
                then typed.greeting_ok and typed.closing_ok and not typed.forbidden_words_used
        end as is_script_compliant,
        typed.information_accurate,
        typed.operational_error,
        case
            when typed.information_accurate is not null or typed.operational_error is not null
                then coalesce(not typed.information_accurate, false) or coalesce(typed.operational_error, false)
        end as has_error,
        typed.knowledge_answer_used,
        typed.knowledge_answer_correct,
        typed.category_correct,
        typed.record_complete,
        typed.customer_info_disclosed,
        typed.identity_verified_before_disclosure,
        typed.complaint_steps_complete,
        typed.escalation_procedure_followed,
        handled_contacts.contact_date,
        handled_contacts.queue_id,
        handled_contacts.inquiry_category,
        handled_contacts.contact_id is not null as is_matched_to_handled_contact
    from typed
    left join employees
        on typed.agent_id = employees.employee_id
    left join handled_contacts
        on
            typed.contact_type = handled_contacts.contact_channel
            and typed.contact_id = handled_contacts.contact_id
            and typed.agent_id = handled_contacts.agent_id
)

select * from final
