-- depends_on: {{ ref('stg_hr__employees') }}
-- depends_on: {{ ref('stg_ticketing__tickets') }}
{{ stage_extract('social', 'social_posts') }}
