{#- Customer-experience KPIs from the survey platform. Scores are dated by answered_at, the response rate by
    sent_at. csat_average_score is also sliced by survey_source, whose CSAT averages (at every grain) weight
    customer_satisfaction_composite. -#}
{%- set survey_dimensions = ['tone', 'clarity', 'professionalism', 'efficiency'] -%}
{#- customer_satisfaction_composite maps the contract's 1-5 csat_score range linearly onto 0-100 -#}
{%- set csat_low, csat_high = 1, 5 -%}
{%- set survey_slices = kpi_slices(['channel', 'team', 'agent'], {'channel': 'contact_channel'}) -%}
{#- CSAT = sum of csat_score / responses with a score, for the KPI and for the composite's per-source averages -#}
{%- set csat_numerator, csat_denominator = 'sum(csat_score)', 'count(csat_score)' -%}

with

surveys as (
    select * from {{ ref('int_survey_responses_enriched') }}
),

composite_weights as (
    select * from {{ ref('satisfaction_composite_weights') }}
),

answers as (
    select * from surveys
    where is_answered
),

-- one row per answered survey and rated dimension
dimension_ratings as (
    {%- for survey_dimension in survey_dimensions %}
        select
            survey_id,
            answered_date,
            '{{ survey_dimension }}' as survey_dimension,
            {{ survey_dimension }}_rating as rating
        from answers
        where {{ survey_dimension }}_rating is not null
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

csat_by_source as (
    {{ kpi_components('answers', 'csat_by_source', 'answered_date',
        numerator=csat_numerator, denominator=csat_denominator,
        dimensions={'survey_source': 'survey_source'}, where='csat_score is not null', is_additive=false) }}
),

-- weighted mean of the sources' CSAT averages on 0-100, over the sources with responses in the period
composite as (
    select
        'customer_satisfaction_composite' as metric_id,
        csat_by_source.period_grain,
        csat_by_source.period_start,
        'centre' as dimension_name,
        'all' as dimension_value,
        sum(
            composite_weights.weight
            * (csat_by_source.numerator / csat_by_source.denominator - {{ csat_low }})
            / ({{ csat_high }} - {{ csat_low }}) * 100
        ) as numerator,
        sum(composite_weights.weight) as denominator,
        false as is_additive,
        cast(null as {{ dbt.type_string() }}) as not_available_reason
    from csat_by_source
    inner join composite_weights
        on csat_by_source.dimension_value = composite_weights.survey_source
    where csat_by_source.dimension_name = 'survey_source'
    group by 1, 2, 3, 4, 5
),

components as (
    {{ kpi_components('answers', 'csat_average_score', 'answered_date',
        numerator=csat_numerator, denominator=csat_denominator,
        dimensions=dict(survey_slices, survey_source='survey_source')) }}
    union all
    {{ kpi_components('answers', 'csat_top2box_rate', 'answered_date',
        numerator='sum(case when is_csat_satisfied then 1 else 0 end)', denominator='count(csat_score)',
        dimensions=survey_slices) }}
    union all
    {{ kpi_components('answers', 'net_promoter_score', 'answered_date',
        numerator="100 * (sum(case when nps_category = 'promoter' then 1 else 0 end)"
            ~ " - sum(case when nps_category = 'detractor' then 1 else 0 end))",
        denominator='count(nps_score)', dimensions=survey_slices) }}
    union all
    {{ kpi_components('answers', 'customer_effort_score', 'answered_date',
        numerator='sum(ces_score)', denominator='count(ces_score)', dimensions=survey_slices) }}
    union all
    {{ kpi_components('surveys', 'survey_response_rate', 'sent_date',
        numerator='sum(case when is_answered then 1 else 0 end)', denominator='count(*)',
        dimensions=survey_slices) }}
    union all
    {{ kpi_components('dimension_ratings', 'satisfaction_dimension_score', 'answered_date',
        numerator='sum(rating)', denominator='count(rating)',
        dimensions={'survey_dimension': 'survey_dimension'}) }}
    union all
    select * from composite
),

final as (
    select * from components
)

select * from final
