{#- raw_rows counts the extract files directly, independently of the staging logic, so the
    reconciliation test catches rows lost or multiplied anywhere in staging. -#}
with

{% for source_name, table_name in raw_extract_tables() %}
    {{ source_name }}__{{ table_name }}_raw as (
        select
            '{{ source_name }}.{{ table_name }}' as source_table,
            count(*) as raw_rows
        from {{ source(source_name, table_name) }}
    ),

    {{ source_name }}__{{ table_name }}_outcomes as (
        select
            source_table,
            sum(case when row_status = 'staged' then 1 else 0 end) as staged_rows,
            sum(case when row_status = 'quarantined' then 1 else 0 end) as quarantined_rows,
            sum(case when row_status = 'duplicate_dropped' then 1 else 0 end) as duplicate_rows_dropped
        from {{ ref('base_' ~ source_name ~ '__' ~ table_name) }}
        group by source_table
    ),

{% endfor %}
unioned as (
    {% for source_name, table_name in raw_extract_tables() %}
        select
            raw_counts.source_table,
            raw_counts.raw_rows,
            coalesce(outcomes.staged_rows, 0) as staged_rows,
            coalesce(outcomes.quarantined_rows, 0) as quarantined_rows,
            coalesce(outcomes.duplicate_rows_dropped, 0) as duplicate_rows_dropped
        from {{ source_name }}__{{ table_name }}_raw as raw_counts
        left join {{ source_name }}__{{ table_name }}_outcomes as outcomes
            on raw_counts.source_table = outcomes.source_table
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        source_table,
        cast(raw_rows as {{ dbt.type_bigint() }}) as raw_rows,
        cast(staged_rows as {{ dbt.type_bigint() }}) as staged_rows,
        cast(quarantined_rows as {{ dbt.type_bigint() }}) as quarantined_rows,
        cast(duplicate_rows_dropped as {{ dbt.type_bigint() }}) as duplicate_rows_dropped,
        raw_rows = staged_rows + quarantined_rows + duplicate_rows_dropped as is_reconciled
    from unioned
)

select * from final
