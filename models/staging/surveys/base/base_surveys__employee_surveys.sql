{{ stage_extract('surveys', 'employee_surveys') }}
