{#-
    Types, validates and de-duplicates one raw extract, driven by its contract in the sources yml
    (data_type and meta: required, pii, label_domain, references, not_before, accepted_range; table meta.primary_key).

    Every raw row comes out exactly once with row_status:
      staged             usable, latest version of its key
      duplicate_dropped  an older or identical copy of a staged key (status_reason exact_duplicate | superseded)
      quarantined        unusable; status_reason names the first rule it broke and reason_column the column
    so raw rows = staged + quarantined + duplicate_dropped holds by construction and is tested downstream.
    Personal data leaves this model only as salted hashes (has_<column> for addresses).
-#}

{% macro stage_extract(source_name, table_name) %}
{{ config(materialized='table') }} {#- each raw file is parsed once; views downstream read this -#}
{%- set source_relation = source(source_name, table_name) -%}
{%- set label_mappings = ref('label_mappings') -%}
{%- if not execute -%}
    {{ return('select 1 as placeholder') }}
{%- endif -%}
{%- set table = contract_table(source_name, table_name) -%}
{%- set columns = table.columns.values() | list -%}
{%- set primary_key = table.meta.primary_key -%}
{%- set checks = staging_checks(columns, primary_key) -%}

with

source as (
    select * from {{ source_relation }}
),

cleaned as (
    select
        {%- for column in columns %}
        nullif(trim(cast({{ column.name }} as {{ dbt.type_string() }})), '') as {{ column.name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from source
),

labels as (
    select
        label_domain,
        raw_label,
        canonical_label
    from {{ label_mappings }}
),
{%- for column in columns if column_meta(column).references %}
{%- set target = column_meta(column).references.split('.') %}

{{ column.name }}_referenced as (
    select distinct {{ target[2] }} as referenced_key
    from {{ ref('stg_' ~ target[0] ~ '__' ~ target[1]) }}
),
{%- endfor %}

typed as (
    select
        {{ dbt.hash(dbt.concat(text_parts(columns | map(attribute='name') | list))) }} as row_hash,
        {{ dbt.concat(text_parts(primary_key)) }} as record_key,
        {%- for column in columns %}
        cleaned.{{ column.name }} as {{ column.name }}__text,
        {%- set meta = column_meta(column) %}
        {%- if meta.label_domain %}
        {{ column.name }}_label.canonical_label as {{ staged_column_name(column) }},
        {%- else %}
        {{ typed_value(column, 'cleaned.' ~ column.name) }} as {{ staged_column_name(column) }},
        {%- endif %}
        {%- if meta.references %}
        {{ column.name }}_referenced.referenced_key is not null as {{ column.name }}__is_known,
        {%- endif %}
        {%- endfor %}
        '{{ source_name }}.{{ table_name }}' as source_table
    from cleaned
    {%- for column in columns if column_meta(column).label_domain %}
    left join labels as {{ column.name }}_label
        on {{ column.name }}_label.label_domain = '{{ column_meta(column).label_domain }}'
        and {{ column.name }}_label.raw_label = lower(cleaned.{{ column.name }})
    {%- endfor %}
    {%- for column in columns if column_meta(column).references %}
    left join {{ column.name }}_referenced
        on cleaned.{{ column.name }} = {{ column.name }}_referenced.referenced_key
    {%- endfor %}
),

versioned as (
    select
        *,
        row_number() over (
            partition by {{ text_columns(primary_key) }}
            order by extracted_at desc nulls last, row_hash desc
        ) as version_rank,
        first_value(row_hash) over (
            partition by {{ text_columns(primary_key) }}
            order by extracted_at desc nulls last, row_hash desc
        ) as latest_row_hash
    from typed
),

classified as (
    select
        *,
        case
            {%- for pk_column in primary_key %}
            when {{ pk_column }}__text is null then 'missing_key'
            {%- endfor %}
            when version_rank > 1 and row_hash = latest_row_hash then 'exact_duplicate'
            when version_rank > 1 then 'superseded'
            {%- for check in checks %}
            when {{ check.condition }} then '{{ check.reason }}'
            {%- endfor %}
        end as status_reason,
        case
            {%- for pk_column in primary_key %}
            when {{ pk_column }}__text is null then '{{ pk_column }}'
            {%- endfor %}
            when version_rank > 1 then null
            {%- for check in checks %}
            when {{ check.condition }} then '{{ check.column.name }}'
            {%- endfor %}
        end as reason_column
    from versioned
),

final as (
    select
        source_table,
        record_key,
        case
            when status_reason is null then 'staged'
            when status_reason in ('exact_duplicate', 'superseded') then 'duplicate_dropped'
            else 'quarantined'
        end as row_status,
        status_reason,
        reason_column,
        case reason_column
            {%- for column in columns if not column_meta(column).pii %}
            when '{{ column.name }}' then {{ column.name }}__text
            {%- endfor %}
        end as reason_value,
        {%- for column in columns %}
        {{ staged_column_name(column) }}{{ ',' if not loop.last }}
        {%- endfor %}
    from classified
)

select * from final
{% endmacro %}


{% macro contract_table(source_name, table_name) %}
    {%- for node in graph.sources.values() if node.source_name == source_name and node.name == table_name -%}
        {{ return(node) }}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error('No contract (source) for ' ~ source_name ~ '.' ~ table_name) }}
{% endmacro %}


{% macro column_meta(column) %}
    {#- dbt 1.10+ may keep column meta under config -#}
    {{ return(column.meta or (column.config or {}).get('meta', {}) or {}) }}
{% endmacro %}


{% macro staged_column_name(column) %}
    {%- set pii = column_meta(column).pii -%}
    {%- if pii == 'address' -%}
        {{ return('has_' ~ column.name) }}
    {%- elif pii -%}
        {{ return(column.name ~ '_hash') }}
    {%- else -%}
        {{ return(column.name) }}
    {%- endif -%}
{% endmacro %}


{% macro typed_value(column, text_expr) %}
    {%- set meta = column_meta(column) -%}
    {%- if meta.pii == 'address' -%}
        {{ return(text_expr ~ ' is not null') }}
    {%- elif meta.pii -%}
        {{ return(hash_pii(text_expr, meta.pii)) }}
    {%- elif column.data_type == 'timestamp' -%}
        {{ return(parse_timestamp_utc(text_expr)) }}
    {%- elif column.data_type == 'date' -%}
        {{ return(parse_date(text_expr)) }}
    {%- elif column.data_type == 'boolean' -%}
        {{ return(parse_boolean(text_expr)) }}
    {%- elif column.data_type in ('integer', 'double') -%}
        {{ return(parse_number(text_expr, column.data_type)) }}
    {%- else -%}
        {{ return(text_expr) }}
    {%- endif -%}
{% endmacro %}


{% macro staging_checks(columns, primary_key) %}
    {#- Ordered rules after the key and de-duplication: the first that a row breaks is its reason. -#}
    {%- set checks = [] -%}
    {%- for column in columns if column_meta(column).required and column.name not in primary_key -%}
        {%- do checks.append({'reason': 'missing_required_value', 'column': column,
            'condition': column.name ~ '__text is null'}) -%}
    {%- endfor -%}
    {%- for column in columns if column.data_type in ('timestamp', 'date') and not column_meta(column).pii -%}
        {%- do checks.append({'reason': 'unparseable_timestamp', 'column': column,
            'condition': column.name ~ '__text is not null and ' ~ column.name ~ ' is null'}) -%}
    {%- endfor -%}
    {%- for column in columns if column.data_type in ('integer', 'double', 'boolean') and not column_meta(column).pii -%}
        {%- do checks.append({'reason': 'unparseable_value', 'column': column,
            'condition': column.name ~ '__text is not null and ' ~ column.name ~ ' is null'}) -%}
    {%- endfor -%}
    {%- for column in columns if column_meta(column).label_domain -%}
        {%- do checks.append({'reason': 'unknown_label', 'column': column,
            'condition': column.name ~ '__text is not null and ' ~ column.name ~ ' is null'}) -%}
    {%- endfor -%}
    {%- for column in columns if column_meta(column).references -%}
        {%- do checks.append({'reason': 'unknown_reference', 'column': column,
            'condition': column.name ~ '__text is not null and not ' ~ column.name ~ '__is_known'}) -%}
    {%- endfor -%}
    {%- for column in columns if column_meta(column).not_before -%}
        {%- do checks.append({'reason': 'end_before_start', 'column': column,
            'condition': column.name ~ ' < ' ~ column_meta(column).not_before}) -%}
    {%- endfor -%}
    {%- for column in columns if column.name.endswith('_seconds') or column.name.endswith('_hours') -%}
        {%- do checks.append({'reason': 'negative_duration', 'column': column,
            'condition': column.name ~ ' < 0'}) -%}
    {%- endfor -%}
    {%- for column in columns if column_meta(column).accepted_range -%}
        {%- set bounds = column_meta(column).accepted_range -%}
        {%- do checks.append({'reason': 'out_of_range_score', 'column': column,
            'condition': '(' ~ column.name ~ ' < ' ~ bounds[0] ~ ' or ' ~ column.name ~ ' > ' ~ bounds[1] ~ ')'}) -%}
    {%- endfor -%}
    {{ return(checks) }}
{% endmacro %}


{% macro text_parts(column_names) %}
    {#- cleaned text of the columns joined with '|', for row hashes and readable record keys -#}
    {%- set parts = [] -%}
    {%- for column in column_names -%}
        {%- do parts.append("coalesce(cleaned." ~ column ~ ", '')") -%}
        {%- if not loop.last %}{% do parts.append("'|'") %}{% endif -%}
    {%- endfor -%}
    {{ return(parts) }}
{% endmacro %}


{% macro text_columns(column_names) %}
    {%- set names = [] -%}
    {%- for column in column_names %}{% do names.append(column ~ '__text') %}{% endfor -%}
    {{ return(names | join(', ')) }}
{% endmacro %}


{% macro staged_personal_columns() %}
    {#- [source, table, staged column] for every personal-data column of the contract (addresses excluded:
        they leave staging only as has_address) -#}
    {%- set found = [] -%}
    {%- if execute -%}
        {%- for node in graph.sources.values() -%}
            {%- for column in node.columns.values() if column_meta(column).pii and column_meta(column).pii != 'address' -%}
                {%- do found.append([node.source_name, node.name, staged_column_name(column)]) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(found) }}
{% endmacro %}
