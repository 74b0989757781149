{#- Parsers for raw extract text. Each returns null for blank or unreadable input; the staging checks compare
    the result with the raw text to tell "blank" from "unreadable". -#}

{% macro parse_timestamp_utc(text_expr) -%}
    {#- ISO 8601 with 'T' or space, optional fractions, optional Z / +HH:MM / +HHMM; also YYYY/MM/DD.
        Without an offset the value is local time at var raw_default_utc_offset_minutes. -#}
    {%- set offset_pattern = '(Z|[+-][0-9]{2}:?[0-9]{2})$' -%}
    {%- set offset_text = regex_extract(text_expr, offset_pattern, 1) -%}
    {%- set local_text = "replace(" ~ regex_replace(text_expr, offset_pattern, '') ~ ", '/', '-')" -%}
    {%- set offset_minutes -%}
        case
            when {{ offset_text }} is null or {{ offset_text }} = '' then {{ var('raw_default_utc_offset_minutes') }}
            when {{ offset_text }} = 'Z' then 0
            else
                (case when substring({{ offset_text }}, 1, 1) = '-' then -1 else 1 end)
                * (
                    cast(substring({{ offset_text }}, 2, 2) as {{ dbt.type_int() }}) * 60
                    + cast(substring(replace({{ offset_text }}, ':', ''), 4, 2) as {{ dbt.type_int() }})
                )
        end
    {%- endset -%}
    {{ dbt.dateadd('minute', '-1 * (' ~ offset_minutes ~ ')', try_cast_text(local_text, api.Column.translate_type('timestamp'))) }}
{%- endmacro %}


{% macro parse_date(text_expr) -%}
    {{ try_cast_text("replace(" ~ text_expr ~ ", '/', '-')", api.Column.translate_type('date')) }}
{%- endmacro %}


{% macro parse_boolean(text_expr) -%}
    case
        when lower({{ text_expr }}) in ('true', 't', '1', 'yes', 'y', '是') then true
        when lower({{ text_expr }}) in ('false', 'f', '0', 'no', 'n', '否') then false
    end
{%- endmacro %}


{% macro parse_number(text_expr, data_type) -%}
    {#- the contract's `double` is the engine's 8-byte float (PostgreSQL spells it `double precision`) -#}
    {%- set engine_type = dbt.type_float() if data_type == 'double' else api.Column.translate_type(data_type) -%}
    {{ try_cast_text(text_expr, engine_type) }}
{%- endmacro %}


{% macro hash_pii(text_expr, pii_kind) -%}
    {#- Normalise before hashing so one person's value hashes the same across systems; salt from PII_HASH_SALT. -#}
    {%- set salt = env_var('PII_HASH_SALT', 'sample-only-salt-set-PII_HASH_SALT') | replace("'", "''") -%}
    {%- if pii_kind == 'phone' -%}
        {%- set normalised = regex_replace(text_expr, '[^0-9]', '') -%}
    {%- else -%}
        {%- set normalised = 'lower(' ~ text_expr ~ ')' -%}
    {%- endif -%}
    case when {{ text_expr }} is not null then {{ sha256_hex(dbt.concat(["'" ~ salt ~ "'", normalised])) }} end
{%- endmacro %}
