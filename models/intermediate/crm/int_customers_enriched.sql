{#- Record completeness follows var customer_record_mandatory_fields; presence survives hashing, and the address
    is staged as has_address only. Completeness is the record's state in the latest extract. -#}
{%- set field_checks = {
    'full_name': 'customers.full_name_hash is not null',
    'phone': 'customers.phone_hash is not null',
    'email': 'customers.email_hash is not null',
    'phone_or_email': '(customers.phone_hash is not null or customers.email_hash is not null)',
    'address': 'coalesce(customers.has_address, false)',
    'segment': 'customers.segment is not null',
} -%}
{%- set mandatory_fields = var('customer_record_mandatory_fields') -%}
{%- for field in mandatory_fields if field not in field_checks -%}
    {{ exceptions.raise_compiler_error(
        "customer_record_mandatory_fields: unknown field '" ~ field ~ "'; known: " ~ (field_checks.keys() | join(', '))
    ) }}
{%- endfor %}

with

customers as (
    select * from {{ ref('stg_crm__customers') }}
),

extract_date as (
    select {{ local_date('max(extracted_at)') }} as as_of_date
    from customers
),

final as (
    select
        customers.customer_id,
        customers.phone_hash,
        customers.email_hash,
        customers.is_key_account,
        customers.segment,
        customers.acquired_date,
        customers.lost_date,
        extract_date.as_of_date,
        customers.lost_date is not null and customers.lost_date <= extract_date.as_of_date as is_lost,
        {{ dbt.datediff(
            'customers.acquired_date',
            'coalesce(least(customers.lost_date, extract_date.as_of_date), extract_date.as_of_date)',
            'day',
        ) }} as relationship_days,
        customers.full_name_hash is not null as has_full_name,
        customers.phone_hash is not null as has_phone,
        customers.email_hash is not null as has_email,
        coalesce(customers.has_address, false) as has_address,
        customers.segment is not null as has_segment,
        {% for field in mandatory_fields -%}
            {{ field_checks[field] }}{{ ' and ' if not loop.last }}
        {%- endfor %} as is_record_complete
    from customers
    cross join extract_date
)

select * from final
