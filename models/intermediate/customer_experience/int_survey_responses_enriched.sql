{#- One row per customer survey sent (answer columns blank when unanswered), with the NPS and CSAT buckets. NPS
    buckets are the standard 9-10 promoter / 0-6 detractor bands, kept as vars so the definition is visible. -#}
with

survey_responses as (
    select * from {{ ref('stg_surveys__survey_responses') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

final as (
    select
        survey_responses.survey_id,
        survey_responses.survey_source,
        survey_responses.contact_channel,
        survey_responses.contact_id,
        survey_responses.customer_id,
        survey_responses.agent_id,
        employees.team_id,
        survey_responses.sent_at,
        survey_responses.answered_at,
        {{ local_date('survey_responses.sent_at') }} as sent_date,
        {{ local_date('survey_responses.answered_at') }} as answered_date,
        survey_responses.answered_at is not null as is_answered,
        survey_responses.csat_score,
        survey_responses.csat_score >= {{ var('csat_satisfied_min') }} as is_csat_satisfied,
        survey_responses.nps_score,
        case
            when survey_responses.nps_score >= {{ var('nps_promoter_min_score') }} then 'promoter'
            when survey_responses.nps_score <= {{ var('nps_detractor_max_score') }} then 'detractor'
            when survey_responses.nps_score is not null then 'passive'
        end as nps_category,
        survey_responses.ces_score,
        survey_responses.tone_rating,
        survey_responses.clarity_rating,
        survey_responses.professionalism_rating,
        survey_responses.efficiency_rating
    from survey_responses
    left join employees
        on survey_responses.agent_id = employees.employee_id
)

select * from final
