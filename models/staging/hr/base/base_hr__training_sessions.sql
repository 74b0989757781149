{{ stage_extract('hr', 'training_sessions') }}
