{{ stage_extract('crm', 'service_handoffs') }}
