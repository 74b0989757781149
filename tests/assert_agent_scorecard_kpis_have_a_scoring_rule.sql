{#- Every weighted KPI of seed agent_scorecard must have a rule that yields a score: a KPI that cannot be scored
    would otherwise drop out of every agent's score silently (qa_average_score once did, lacking a target).
    Returns one row per broken rule: the seed row itself, or an agent-month whose KPI value finds no target. -#}
with

scorecard as (
    select * from {{ ref('agent_scorecard') }}
),

registry as (
    select * from {{ ref('kpi_registry') }}
),

targets as (
    select * from {{ ref('kpi_targets') }}
),

kpi_values as (
    select * from {{ ref('int_kpi_values_rolled_up') }}
    where dimension_name = 'agent' and value is not null
),

-- floor and stretch present, the floor on the worse side of the stretch for the KPI's direction
broken_seed_rows as (
    select
        scorecard.role,
        scorecard.metric_id,
        cast(null as date) as period_start,
        'incomplete rule in seed agent_scorecard' as problem
    from scorecard
    left join registry
        on scorecard.metric_id = registry.metric_id
    where
        (scorecard.weight is not null and scorecard.scoring_method not in ('floor_target_stretch', 'floor_stretch'))
        or (scorecard.weight is null and scorecard.scoring_method <> 'negative_points')
        or (scorecard.scoring_method = 'negative_points' and scorecard.points_per_unit is null)
        or (
            scorecard.scoring_method in ('floor_target_stretch', 'floor_stretch')
            and (
                scorecard.floor_value is null
                or scorecard.stretch_value is null
                or registry.direction is null
                or (registry.direction = 'higher_is_better' and scorecard.floor_value >= scorecard.stretch_value)
                or (registry.direction = 'lower_is_better' and scorecard.floor_value <= scorecard.stretch_value)
            )
        )
),

-- a floor_target_stretch KPI needs, for every period an agent has a value, a target strictly between its floor
-- and stretch
scored_values as (
    select
        scorecard.role,
        scorecard.metric_id,
        scorecard.floor_value,
        scorecard.stretch_value,
        kpi_values.period_start
    from scorecard
    inner join kpi_values
        on scorecard.metric_id = kpi_values.metric_id
    where scorecard.scoring_method = 'floor_target_stretch'
),

values_without_target as (
    select
        scored_values.role,
        scored_values.metric_id,
        scored_values.period_start,
        'no target between floor and stretch for the period' as problem
    from scored_values
    left join targets
        on
            scored_values.metric_id = targets.metric_id
            and targets.target_operator in ('>=', '<=')
            and scored_values.period_start >= targets.effective_from_date
            and (targets.effective_to_date is null or scored_values.period_start <= targets.effective_to_date)
            and (targets.target_value - scored_values.floor_value)
            * (scored_values.stretch_value - targets.target_value) > 0
    where targets.metric_id is null
),

-- a seed whose target rows are all missing still fails on zero rows of KPI values
rules_without_any_target as (
    select
        scorecard.role,
        scorecard.metric_id,
        cast(null as date) as period_start,
        'no target in seed kpi_targets' as problem
    from scorecard
    left join targets
        on
            scorecard.metric_id = targets.metric_id
            and targets.target_operator in ('>=', '<=')
    where scorecard.scoring_method = 'floor_target_stretch' and targets.metric_id is null
),

final as (
    select * from broken_seed_rows
    union all
    select distinct * from values_without_target
    union all
    select * from rules_without_any_target
)

select * from final
