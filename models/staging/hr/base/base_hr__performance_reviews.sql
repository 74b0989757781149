-- depends_on: {{ ref('stg_hr__employees') }}
{{ stage_extract('hr', 'performance_reviews') }}
