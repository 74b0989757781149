-- depends_on: {{ ref('stg_hr__employees') }}
{{ stage_extract('telephony', 'agent_states') }}
