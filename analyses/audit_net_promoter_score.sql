-- Audit: net_promoter_score per month at centre level from staging: 100 x (promoters - detractors) over NPS
-- answers, dated by local answer day.
with

survey_responses as (
    select * from {{ ref('stg_surveys__survey_responses') }}
),

final as (
    select
        'net_promoter_score' as metric_id,
        {{ period_start('month', local_date('answered_at')) }} as month_start_date,
        100 * (
            sum(case when nps_score >= {{ var('nps_promoter_min_score') }} then 1 else 0 end)
            - sum(case when nps_score <= {{ var('nps_detractor_max_score') }} then 1 else 0 end)
        ) as numerator,
        count(*) as denominator
    from survey_responses
    where answered_at is not null and nps_score is not null
    group by 1, 2
)

select * from final
