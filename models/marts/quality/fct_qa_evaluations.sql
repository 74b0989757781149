with

evaluations as (
    select * from {{ ref('int_qa_evaluations_enriched') }}
),

final as (
    select
        evaluation_id,
        contact_channel,
        contact_id,
        agent_id,
        team_id,
        evaluator_id,
        evaluated_at,
        evaluated_date,
        total_score,
        is_passed,
        greeting_ok,
        closing_ok,
        forbidden_words_used,
        is_script_compliant,
        information_accurate,
        operational_error,
        has_error,
        knowledge_answer_used,
        knowledge_answer_correct,
        category_correct,
        record_complete,
        customer_info_disclosed,
        identity_verified_before_disclosure,
        complaint_steps_complete,
        escalation_procedure_followed,
        is_matched_to_handled_contact,
        contact_date,
        queue_id,
        inquiry_category
    from evaluations
)

select * from final
