{{ stage_extract('hr', 'teams') }}
