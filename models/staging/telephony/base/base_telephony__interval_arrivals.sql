-- depends_on: {{ ref('stg_telephony__queues') }}
{{ stage_extract('telephony', 'interval_arrivals') }}
