{{ stage_extract('finance', 'cost_ledger') }}
