{#- Quality and compliance KPIs. QA-form KPIs are dated by evaluated_at and count evaluations whose item was scored;
    qa_sampling_rate and record_completeness_rate are dated by the handled contact; the complaint-process KPIs read
    the whole complaint register (tickets), not the QA sample. -#}
{%- set qa_slices = kpi_slices(['channel', 'team', 'agent'], {'channel': 'contact_channel'}) -%}
with

evaluations as (
    select * from {{ ref('int_qa_evaluations_enriched') }}
),

contacts_sampled as (
    select * from {{ ref('int_handled_contacts_sampled') }}
),

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

complaints as (
    select * from tickets
    where is_complaint
),

components as (
    {{ kpi_components('evaluations', 'qa_pass_rate', 'evaluated_date',
        numerator='sum(case when is_passed then 1 else 0 end)', denominator='count(*)',
        dimensions=qa_slices) }}
    union all
    {{ kpi_components('contacts_sampled', 'qa_sampling_rate', 'contact_date',
        numerator=count_where('is_evaluated'), denominator='count(*)',
        dimensions={'channel': 'contact_channel', 'queue': 'queue_id', 'team': 'team_id', 'agent': 'agent_id'}) }}
    union all
    {{ kpi_components('evaluations', 'qa_average_score', 'evaluated_date',
        numerator='sum(total_score)', denominator='count(total_score)',
        dimensions=qa_slices) }}
    union all
    {{ kpi_components('evaluations', 'script_compliance_rate', 'evaluated_date',
        numerator='sum(case when is_script_compliant then 1 else 0 end)',
        denominator='sum(case when is_script_compliant is not null then 1 else 0 end)',
        dimensions=qa_slices) }}
    union all
    {{ kpi_components('evaluations', 'error_rate', 'evaluated_date',
        numerator='sum(case when has_error then 1 else 0 end)',
        denominator='sum(case when has_error is not null then 1 else 0 end)',
        dimensions=qa_slices) }}
    union all
    {{ kpi_components('evaluations', 'information_accuracy_rate', 'evaluated_date',
        numerator='sum(case when information_accurate then 1 else 0 end)',
        denominator='sum(case when information_accurate is not null then 1 else 0 end)',
        dimensions=qa_slices) }}
    union all
    {{ kpi_components('evaluations', 'knowledge_accuracy_rate', 'evaluated_date',
        numerator='sum(case when knowledge_answer_used and knowledge_answer_correct then 1 else 0 end)',
        denominator='sum(case when knowledge_answer_used then 1 else 0 end)',
        dimensions=qa_slices) }}
    union all
    {{ kpi_components('evaluations', 'ticket_classification_accuracy', 'evaluated_date',
        numerator='sum(case when category_correct then 1 else 0 end)', denominator='count(*)',
        dimensions={'inquiry_category': 'inquiry_category', 'team': 'team_id', 'agent': 'agent_id'},
        where="contact_channel = 'ticket' and category_correct is not null") }}
    union all
    {{ kpi_components('contacts_sampled', 'record_completeness_rate', 'contact_date',
        numerator=count_where('has_complete_record'), denominator='count(*)',
        dimensions={'channel': 'contact_channel', 'queue': 'queue_id', 'team': 'team_id', 'agent': 'agent_id'}) }}
    union all
    {{ kpi_components('evaluations', 'identity_verification_rate', 'evaluated_date',
        numerator='sum(case when identity_verified_before_disclosure then 1 else 0 end)', denominator='count(*)',
        dimensions=qa_slices, where='customer_info_disclosed') }}
    union all
    {{ kpi_components('complaints', 'complaint_process_completeness_rate', 'created_date',
        numerator=count_where('has_all_complaint_steps_logged'), denominator='count(*)',
        dimensions={'channel': 'channel', 'team': 'team_id', 'agent': 'agent_id'}) }}
    union all
    {{ kpi_components('complaints', 'escalation_process_compliance_rate', 'created_date',
        numerator=count_where('escalation_procedure_followed'), denominator='count(*)',
        dimensions={'channel': 'channel', 'team': 'team_id', 'agent': 'agent_id'}, where='is_escalated_complaint') }}
),

final as (
    select * from components
)

select * from final
