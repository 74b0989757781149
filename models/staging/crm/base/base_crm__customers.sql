{{ stage_extract('crm', 'customers') }}
