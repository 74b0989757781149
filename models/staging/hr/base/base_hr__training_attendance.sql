-- depends_on: {{ ref('stg_hr__employees') }}
-- depends_on: {{ ref('stg_hr__training_sessions') }}
{{ stage_extract('hr', 'training_attendance') }}
