{#- KPIs the extracts cannot support, with the reason: those var kpis_unsupported_by_extracts names (an adapter that
    knows its file lacks a field), those a required extract of which (seed kpi_required_extracts, rendered from
    docs/kpi_inputs.yml) has no staged rows at all, and those derived from such a KPI. An empty extract is judged
    for the whole extract, not per period: a month without rows of a sparse extract (promotions, the complaints
    of a small centre) is a real 0. -#}
with

registry as (
    select * from {{ ref('kpi_registry') }}
),

required_inputs as (
    select * from {{ ref('kpi_required_extracts') }}
),

extract_rows as (
    {%- for source_name, table_name in raw_extract_tables() %}
        select
            '{{ source_name }}.{{ table_name }}' as source_table,
            count(*) as staged_rows
        from {{ ref('stg_' ~ source_name ~ '__' ~ table_name) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

missing_extracts as (
    select
        required_inputs.metric_id,
        {{ dbt.listagg('required_inputs.required_input', "', '", 'order by required_inputs.required_input') }}
            as source_tables
    from required_inputs
    inner join extract_rows
        on required_inputs.required_input = extract_rows.source_table
    where
        required_inputs.input_kind = 'extract'
        and extract_rows.staged_rows = 0
    group by required_inputs.metric_id
),

input_reasons as (
    select
        registry.metric_id,
        coalesce(
            {{ unsupported_kpi_reason('registry.metric_id') }},
            case
                when missing_extracts.source_tables is not null
                    then {{ dbt.concat([
                        "'no rows in extract '",
                        'missing_extracts.source_tables',
                        "': the KPI cannot be computed without it (a missing source is not a 0)'",
                    ]) }}
            end
        ) as not_available_reason
    from registry
    left join missing_extracts
        on registry.metric_id = missing_extracts.metric_id
),

-- a KPI of KPIs whose input KPI is unsupported says which input and why
derived_reasons as (
    select
        required_inputs.metric_id,
        {{ dbt.listagg(
            dbt.concat(["'input KPI '", 'required_inputs.required_input', "' is not available ('",
                        'input_reasons.not_available_reason', "')'"]),
            "'; '",
            'order by required_inputs.required_input',
        ) }} as not_available_reason
    from required_inputs
    inner join input_reasons
        on required_inputs.required_input = input_reasons.metric_id
    where
        required_inputs.input_kind = 'kpi'
        and input_reasons.not_available_reason is not null
    group by required_inputs.metric_id
),

final as (
    select
        input_reasons.metric_id,
        coalesce(input_reasons.not_available_reason, derived_reasons.not_available_reason) as not_available_reason
    from input_reasons
    left join derived_reasons
        on input_reasons.metric_id = derived_reasons.metric_id
    where input_reasons.not_available_reason is not null or derived_reasons.not_available_reason is not null
)

select * from final
