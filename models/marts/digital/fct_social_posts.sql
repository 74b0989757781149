with

social_posts as (
    select * from {{ ref('int_social_posts_enriched') }}
),

final as (
    select
        post_id,
        platform,
        post_type,
        sentiment,
        posted_at,
        posted_date,
        first_response_at,
        response_seconds,
        agent_id,
        team_id,
        linked_ticket_id,
        linked_ticket_resolved_at,
        needs_response,
        is_response_measured,
        is_responded_within_social_hours,
        is_negative,
        is_negative_converted_and_resolved
    from social_posts
)

select * from final
