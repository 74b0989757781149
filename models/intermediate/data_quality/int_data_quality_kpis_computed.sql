{#- KPIs about the data itself, from the staging base models (every raw row with its status).
    data_masking_effectiveness: personal-data values leaving staging (the only way into the marts) that are salted
      hashes / personal-data values leaving staging; by the local day of extraction.
    operation_log_completeness_rate: contact records whose lifecycle timestamps are all present and in order /
      contact records (staged, or quarantined for a missing, unreadable or out-of-order timestamp). -#}
-- depends_on: {{ ref('base_telephony__call_legs') }}
-- depends_on: {{ ref('base_ticketing__tickets') }}
-- depends_on: {{ ref('base_social__social_posts') }}
-- depends_on: {{ ref('base_hr__employees') }}
-- depends_on: {{ ref('base_crm__customers') }}
{%- set timestamp_reasons = "('unparseable_timestamp', 'end_before_start', 'missing_required_value')" %}

with

call_legs as (
    select * from {{ ref('base_telephony__call_legs') }}
),

chat_sessions as (
    select * from {{ ref('base_chat__chat_sessions') }}
),

tickets as (
    select * from {{ ref('base_ticketing__tickets') }}
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

contact_records as (
    select
        'phone' as channel,
        {{ local_date('coalesce(ivr_entered_at, queue_entered_at, answered_at, ended_at, extracted_at)') }}
            as record_date,
        row_status = 'staged'
        and (answered_at is null or (alerting_at is not null and acw_ended_at is not null)) as is_log_complete
    from call_legs
    where row_status = 'staged' or status_reason in {{ timestamp_reasons }}
    union all
    select
        'chat' as channel,
        {{ local_date('coalesce(started_at, extracted_at)') }} as record_date,
        row_status = 'staged' and ended_at is not null as is_log_complete
    from chat_sessions
    where row_status = 'staged' or status_reason in {{ timestamp_reasons }}
    union all
    select
        channel,
        {{ local_date('coalesce(created_at, extracted_at)') }} as record_date,
        row_status = 'staged'
        and first_response_due_at is not null
        and resolution_due_at is not null as is_log_complete
    from tickets
    where row_status = 'staged' or status_reason in {{ timestamp_reasons }}
),

final as (
    {{ kpi_components(
        'masking_checked', 'data_masking_effectiveness', 'record_date',
        numerator='sum(is_masked)', denominator='count(*)'
    ) }}
    union all
    {{ kpi_components(
        'contact_records', 'operation_log_completeness_rate', 'record_date',
        numerator='sum(case when is_log_complete then 1 else 0 end)', denominator='count(*)',
        dimensions={'channel': 'channel'}
    ) }}
)

select * from final
