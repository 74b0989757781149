-- depends_on: {{ ref('stg_hr__teams') }}
{{ stage_extract('hr', 'employees') }}
