{{ stage_extract('telephony', 'queues') }}
