with

base as (
    select * from {{ ref('base_hr__performance_reviews') }}
),

final as (
    select
        review_id,
        extracted_at,
        employee_id,
        reviewer_employee_id,
        review_month_date,
        potential_rating,
        rule_adherence_rating,
        customer_relationship_rating,
        service_standard_rating
    from base
    where row_status = 'staged'
)

select * from final
