with

base as (
    select * from {{ ref('base_wfm__service_goals') }}
),

final as (
    select
        queue_id,
        valid_from_date,
        extracted_at,
        valid_to_date,
        service_level_target,
        answer_within_seconds
    from base
    where row_status = 'staged'
)

select * from final
