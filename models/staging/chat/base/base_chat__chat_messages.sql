-- depends_on: {{ ref('stg_chat__chat_sessions') }}
{{ stage_extract('chat', 'chat_messages') }}
