-- depends_on: {{ ref('stg_chat__chat_sessions') }}
-- depends_on: {{ ref('stg_hr__employees') }}
{{ stage_extract('chat', 'chat_messages') }}
