with

unioned as (
    {% for source_name, table_name in raw_extract_tables() %}
        select
            source_table,
            record_key,
            status_reason,
            reason_column,
            reason_value
        from {{ ref('base_' ~ source_name ~ '__' ~ table_name) }}
        where row_status = 'quarantined'
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

numbered as (
    select
        *,
        row_number() over (
            partition by source_table, record_key
            order by status_reason, reason_column, reason_value
        ) as occurrence
    from unioned
),

final as (
    select
        {{ dbt.concat(['source_table', "':'", 'record_key', "':'", dbt.safe_cast('occurrence', dbt.type_string())]) }}
            as quarantined_row_id,
        source_table,
        record_key,
        status_reason as reason_code,
        reason_column,
        reason_value
    from numbered
)

select * from final
