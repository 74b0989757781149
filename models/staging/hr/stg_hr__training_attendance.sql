with

base as (
    select * from {{ ref('base_hr__training_attendance') }}
),

final as (
    select
        attendance_id,
        extracted_at,
        training_session_id,
        employee_id,
        attended_hours,
        assessment_taken,
        assessment_score,
        assessment_passed
    from base
    where row_status = 'staged'
)

select * from final
