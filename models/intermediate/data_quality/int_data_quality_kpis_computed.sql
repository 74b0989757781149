{#- KPIs about the data itself, from the staging base models (every raw row with its status).
    data_masking_effectiveness: personal-data values leaving staging (the only way into the marts) that are salted
      hashes / personal-data values leaving staging; by the local day of extraction.
    operation_log_completeness_rate: calls, chat sessions and tickets whose operation log is complete (every
      lifecycle timestamp their outcome implies present and in order, no log row quarantined for a timestamp; see
      int_contact_logs_checked) / calls, chat sessions and tickets, staged or quarantined, test contacts left out;
      dated by the contact's start. -#}
-- depends_on: {{ ref('base_telephony__call_legs') }}
-- depends_on: {{ ref('base_ticketing__tickets') }}
-- depends_on: {{ ref('base_social__social_posts') }}
-- depends_on: {{ ref('base_hr__employees') }}
-- depends_on: {{ ref('base_crm__customers') }}

with

contact_logs_checked as (
    select * from {{ ref('int_contact_logs_checked') }}
),

personal_values as (
    {%- for source_name, table_name, column_name in staged_personal_columns() %}
        select
            {{ local_date('extracted_at') }} as record_date,
            {{ column_name }} as personal_value
        from {{ ref('base_' ~ source_name ~ '__' ~ table_name) }}
        where row_status = 'staged' and {{ column_name }} is not null
        union all
    {%- endfor %}
    select
        cast(null as date) as record_date,
        cast(null as {{ dbt.type_string() }}) as personal_value
    where 1 = 0
),

masking_checked as (
    select
        record_date,
        case when {{ regex_matches('personal_value', '^[0-9a-f]{64}$') }} then 1 else 0 end as is_masked
    from personal_values
),

contact_logs as (
    select * from contact_logs_checked
    where not is_test
),

final as (
    {{ kpi_components(
        'masking_checked', 'data_masking_effectiveness', 'record_date',
        numerator='sum(is_masked)', denominator='count(*)'
    ) }}
    union all
    {{ kpi_components(
        'contact_logs', 'operation_log_completeness_rate', 'contact_date',
        numerator=count_where('is_log_complete'), denominator='count(*)',
        dimensions={'channel': 'channel'}
    ) }}
)

select * from final
