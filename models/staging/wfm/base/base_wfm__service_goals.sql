{{ stage_extract('wfm', 'service_goals') }}
