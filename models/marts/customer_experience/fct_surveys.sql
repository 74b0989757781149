with

surveys as (
    select * from {{ ref('int_survey_responses_enriched') }}
),

final as (
    select
        survey_id,
        survey_source,
        contact_channel,
        contact_id,
        customer_id,
        agent_id,
        team_id,
        sent_at,
        answered_at,
        sent_date,
        answered_date,
        is_answered,
        csat_score,
        is_csat_satisfied,
        nps_score,
        nps_category,
        ces_score,
        tone_rating,
        clarity_rating,
        professionalism_rating,
        efficiency_rating
    from surveys
)

select * from final
