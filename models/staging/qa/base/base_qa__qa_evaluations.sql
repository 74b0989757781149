-- depends_on: {{ ref('stg_hr__employees') }}
{{ stage_extract('qa', 'qa_evaluations') }}
