{{ stage_extract('finance', 'sales_plans') }}
