{{ stage_extract('hr', 'promotions') }}
