with

base as (
    select * from {{ ref('base_surveys__survey_responses') }}
),

final as (
    select
        survey_id,
        extracted_at,
        survey_source,
        contact_channel,
        contact_id,
        customer_id,
        agent_id,
        sent_at,
        answered_at,
        csat_score,
        nps_score,
        ces_score,
        tone_rating,
        clarity_rating,
        professionalism_rating,
        efficiency_rating
    from base
    where row_status = 'staged'
)

select * from final
