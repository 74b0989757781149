with

base as (
    select * from {{ ref('base_social__social_posts') }}
),

final as (
    select
        post_id,
        extracted_at,
        platform,
        post_type,
        author_handle_hash,
        posted_at,
        sentiment,
        needs_response,
        first_response_at,
        responded_by_agent_id,
        linked_ticket_id
    from base
    where row_status = 'staged'
)

select * from final
