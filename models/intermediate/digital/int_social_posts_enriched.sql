{%- set response_post_types = var('social_response_post_types') -%}
with

social_posts as (
    select * from {{ ref('stg_social__social_posts') }}
),

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

extract_as_of as (
    -- the latest social export: a post still unanswered an hour after posting by then is a miss
    select max(extracted_at) as as_of_at from social_posts
),

final as (
    select
        social_posts.post_id,
        social_posts.platform,
        social_posts.post_type,
        social_posts.sentiment,
        social_posts.posted_at,
        {{ local_date('social_posts.posted_at') }} as posted_date,
        social_posts.first_response_at,
        social_posts.responded_by_agent_id as agent_id,
        employees.team_id,
        social_posts.linked_ticket_id,
        tickets.resolved_at as linked_ticket_resolved_at,
        coalesce(social_posts.needs_response, false) as needs_response,
        -- the 1-hour response formula covers comments and direct messages
        coalesce(social_posts.needs_response, false)
        and social_posts.post_type in ({{ quoted_list(response_post_types) }}) as is_response_measured,
        {{ dbt.datediff('social_posts.posted_at', 'social_posts.first_response_at', 'second') }}
            as response_seconds,
        {{ deadline_met(
            'social_posts.first_response_at',
            dbt.dateadd('hour', var('social_response_hours'), 'social_posts.posted_at'),
            'extract_as_of.as_of_at'
        ) }} as is_responded_within_social_hours,
        social_posts.sentiment = 'negative' as is_negative,
        social_posts.sentiment = 'negative'
        and tickets.resolved_at is not null as is_negative_converted_and_resolved
    from social_posts
    cross join extract_as_of
    left join tickets
        on social_posts.linked_ticket_id = tickets.ticket_id
    left join employees
        on social_posts.responded_by_agent_id = employees.employee_id
)

select * from final
