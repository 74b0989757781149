with

base as (
    select * from {{ ref('base_finance__sales_plans') }}
),

final as (
    select
        sales_plan_id,
        extracted_at,
        month_date,
        plan_type,
        planned_amount,
        currency
    from base
    where row_status = 'staged'
)

select * from final
