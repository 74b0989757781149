-- depends_on: {{ ref('stg_hr__employees') }}
-- depends_on: {{ ref('stg_telephony__queues') }}
{{ stage_extract('wfm', 'schedules') }}
