{{ stage_extract('surveys', 'survey_plans') }}
