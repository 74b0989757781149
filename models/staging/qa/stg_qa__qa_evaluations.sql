with

base as (
    select * from {{ ref('base_qa__qa_evaluations') }}
),

final as (
    select
        evaluation_id,
        extracted_at,
        contact_channel,
        contact_id,
        agent_id,
        evaluator_id,
        evaluated_at,
        total_score,
        greeting_ok,
        closing_ok,
        forbidden_words_used,
        information_accurate,
        knowledge_answer_used,
        knowledge_answer_correct,
        category_correct,
        record_complete,
        customer_info_disclosed,
        identity_verified_before_disclosure,
        complaint_steps_complete,
        escalation_procedure_followed,
        operational_error
    from base
    where row_status = 'staged'
)

select * from final
