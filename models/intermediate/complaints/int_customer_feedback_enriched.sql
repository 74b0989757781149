with

customer_feedback as (
    select * from {{ ref('stg_crm__customer_feedback') }}
),

extract_as_of as (
    -- the latest feedback export: an item unanswered past its promised time by then is late
    select max(extracted_at) as as_of_at from customer_feedback
),

promised as (
    select
        customer_feedback.*,
        extract_as_of.as_of_at,
        coalesce(
            customer_feedback.promised_response_at,
            {{ dbt.dateadd('hour', var('feedback_default_response_hours'), 'customer_feedback.received_at') }}
        ) as response_due_at
    from customer_feedback
    cross join extract_as_of
),

final as (
    select
        feedback_id,
        customer_id,
        feedback_type,
        received_at,
        {{ local_date('received_at') }} as received_date,
        promised_response_at,
        response_due_at,
        {{ local_date('response_due_at') }} as response_due_date,
        responded_at,
        processed_at,
        as_of_at,
        -- opinions and suggestions are the items the timeliness KPI promises an answer to
        feedback_type in ('opinion', 'suggestion') as is_opinion_or_suggestion,
        {{ deadline_met('responded_at', 'response_due_at', 'as_of_at') }} as is_responded_on_time,
        {{ done_by_month_end(local_date('processed_at'), local_date('received_at')) }} as is_processed_by_month_end
    from promised
)

select * from final
