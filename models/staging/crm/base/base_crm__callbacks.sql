-- depends_on: {{ ref('stg_crm__customers') }}
-- depends_on: {{ ref('stg_hr__employees') }}
{{ stage_extract('crm', 'callbacks') }}
