{{ stage_extract('crm', 'customer_feedback') }}
