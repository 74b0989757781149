-- depends_on: {{ ref('stg_crm__customers') }}
{{ stage_extract('crm', 'customer_feedback') }}
