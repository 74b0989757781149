with

queue_intervals as (
    select * from {{ ref('int_queue_intervals_staffed') }}
),

final as (
    select * from queue_intervals
)

select * from final
