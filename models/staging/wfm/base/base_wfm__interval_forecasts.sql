-- depends_on: {{ ref('stg_telephony__queues') }}
{{ stage_extract('wfm', 'interval_forecasts') }}
