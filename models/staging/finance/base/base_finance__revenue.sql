{{ stage_extract('finance', 'revenue') }}
