with

base as (
    select * from {{ ref('base_surveys__survey_plans') }}
),

final as (
    select
        plan_id,
        extracted_at,
        survey_name,
        planned_month_date,
        completed_date
    from base
    where row_status = 'staged'
)

select * from final
