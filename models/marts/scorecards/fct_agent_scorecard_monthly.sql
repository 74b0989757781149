{#- The monthly agent ranking the documents use: top three for var scorecard_reward_streak_months months running
    earn var scorecard_rewards; the bottom three owe an improvement plan. Only agents with enough measured work
    are ranked (var scorecard_min_handled_contacts, var scorecard_min_measured_weight_share); the others are listed
    with the reason. -#}
{%- set scorecard_metrics = ['qa_average_score', 'average_handle_time', 'csat_average_score',
                             'first_contact_resolution_rate', 'schedule_adherence', 'valid_complaint_count',
                             'employee_performance_index'] -%}
with

kpi_values as (
    select * from {{ ref('fct_kpi_values') }}
    where period_grain = 'month' and dimension_name = 'agent' and value is not null
),

scorecard as (
    select * from {{ ref('agent_scorecard') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

handled_contacts as (
    select * from {{ ref('int_handled_contacts_unioned') }}
),

unsupported_kpis as (
    select * from {{ ref('int_kpis_unsupported_by_extracts') }}
),

-- a deduction (负分法) the extracts cannot measure, e.g. no complaint register: a score without it would look clean
unknown_deductions as (
    select
        scorecard.role,
        min(
            {{ dbt.concat(["'deductions unknown: '", 'scorecard.metric_id', "' is not available ('",
                           'unsupported_kpis.not_available_reason', "')'"]) }}
        ) as not_ranked_reason
    from scorecard
    inner join unsupported_kpis
        on scorecard.metric_id = unsupported_kpis.metric_id
    where scorecard.scoring_method = 'negative_points'
    group by 1
),

role_weights as (
    select
        role,
        sum(weight) as total_weight
    from scorecard
    group by 1
),

agent_kpi_months as (
    select
        kpi_values.dimension_value as agent_id,
        kpi_values.period_start as month_start_date,
        max(case when kpi_values.metric_id = 'agent_performance_score' then kpi_values.value end)
            as agent_performance_score,
        {%- for metric_id in scorecard_metrics %}
            max(case when kpi_values.metric_id = '{{ metric_id }}' then kpi_values.value end) as {{ metric_id }},
        {%- endfor %}
        count(distinct case when kpi_values.value is not null then scorecard.metric_id end) as scored_kpis,
        -- the weight of the KPIs that have a value: what the score actually measures
        sum(case when kpi_values.value is not null then scorecard.weight end) as measured_weight
    from kpi_values
    inner join employees
        on kpi_values.dimension_value = employees.employee_id
    left join scorecard
        on
            kpi_values.metric_id = scorecard.metric_id
            and employees.role = scorecard.role
    group by 1, 2
),

agent_contact_months as (
    select
        agent_id,
        {{ period_start('month', 'contact_date') }} as month_start_date,
        count(*) as handled_contacts
    from handled_contacts
    where agent_id is not null
    group by 1, 2
),

agent_months as (
    select
        agent_id,
        month_start_date
    from agent_kpi_months
    union
    select
        agent_id,
        month_start_date
    from agent_contact_months
),

-- agents of a role with a scorecard; the score is rounded before ranking so that float noise never splits a tie
measured as (
    select
        agent_months.agent_id,
        agent_months.month_start_date,
        employees.team_id,
        employees.role,
        cast(round(
            cast(agent_kpi_months.agent_performance_score as {{ dbt.type_numeric() }}),
            {{ var('scorecard_score_decimals') }}
        ) as {{ dbt.type_float() }}) as agent_performance_score,
        {%- for metric_id in scorecard_metrics %}
            agent_kpi_months.{{ metric_id }},
        {%- endfor %}
        coalesce(agent_kpi_months.scored_kpis, 0) as scored_kpis,
        coalesce(agent_contact_months.handled_contacts, 0) as handled_contacts,
        coalesce(agent_kpi_months.measured_weight, 0) / role_weights.total_weight as measured_weight_share
    from agent_months
    inner join employees
        on agent_months.agent_id = employees.employee_id
    inner join role_weights
        on employees.role = role_weights.role
    left join agent_kpi_months
        on
            agent_months.agent_id = agent_kpi_months.agent_id
            and agent_months.month_start_date = agent_kpi_months.month_start_date
    left join agent_contact_months
        on
            agent_months.agent_id = agent_contact_months.agent_id
            and agent_months.month_start_date = agent_contact_months.month_start_date
),

eligibility as (
    select
        measured.*,
        case
            when measured.agent_performance_score is null then 'no scorecard KPI measured'
            when unknown_deductions.not_ranked_reason is not null then unknown_deductions.not_ranked_reason
            when measured.handled_contacts < {{ var('scorecard_min_handled_contacts') }}
                then 'fewer handled contacts than var scorecard_min_handled_contacts'
            when measured.measured_weight_share < {{ var('scorecard_min_measured_weight_share') }}
                then 'less scorecard weight measured than var scorecard_min_measured_weight_share'
        end as not_ranked_reason
    from measured
    left join unknown_deductions
        on measured.role = unknown_deductions.role
),

-- ranks among the ranked agents only; rank() gives tied scores the same rank (名次并列), so ties share the reward
ranks as (
    select
        agent_id,
        month_start_date,
        rank() over (partition by month_start_date order by agent_performance_score desc) as performance_rank,
        rank() over (partition by month_start_date order by agent_performance_score asc) as reverse_rank
    from eligibility
    where not_ranked_reason is null
),

flagged as (
    select
        eligibility.*,
        eligibility.not_ranked_reason is null as is_ranked,
        ranks.performance_rank,
        coalesce(ranks.performance_rank <= 3, false) as is_top_three,
        coalesce(ranks.reverse_rank <= 3, false) as is_bottom_three,
        extract(year from eligibility.month_start_date) * 12 + extract(month from eligibility.month_start_date)
            as month_number
    from eligibility
    left join ranks
        on
            eligibility.agent_id = ranks.agent_id
            and eligibility.month_start_date = ranks.month_start_date
),

-- consecutive calendar months in the top three: within a run, month number minus the run's row number is constant
-- (a month the agent is absent from the scorecard breaks the run too)
top_three_runs as (
    select
        agent_id,
        month_start_date,
        month_number - row_number() over (partition by agent_id order by month_start_date) as run_id
    from flagged
    where is_top_three
),

streaks as (
    select
        agent_id,
        month_start_date,
        row_number() over (partition by agent_id, run_id order by month_start_date) as top_three_streak_months
    from top_three_runs
),

final as (
    select
        flagged.agent_id,
        flagged.month_start_date,
        flagged.team_id,
        flagged.role,
        flagged.agent_performance_score,
        {%- for metric_id in scorecard_metrics %}
            flagged.{{ metric_id }},
        {%- endfor %}
        -- counts and ranks are int on some engines and bigint on others; the contract says bigint
        cast(flagged.scored_kpis as {{ dbt.type_bigint() }}) as scored_kpis,
        cast(flagged.handled_contacts as {{ dbt.type_bigint() }}) as handled_contacts,
        cast(flagged.measured_weight_share as {{ dbt.type_float() }}) as measured_weight_share,
        flagged.is_ranked,
        flagged.not_ranked_reason,
        cast(flagged.performance_rank as {{ dbt.type_bigint() }}) as performance_rank,
        flagged.is_top_three,
        flagged.is_bottom_three,
        cast(coalesce(streaks.top_three_streak_months, 0) as {{ dbt.type_bigint() }}) as top_three_streak_months,
        coalesce(streaks.top_three_streak_months, 0) >= {{ var('scorecard_reward_streak_months') }}
            as is_reward_eligible,
        cast(case
            {%- for amount in var('scorecard_rewards') %}
                when
                    streaks.top_three_streak_months >= {{ var('scorecard_reward_streak_months') }}
                    and flagged.performance_rank = {{ loop.index }} then {{ amount }}
            {%- endfor %}
            else 0
        end as {{ dbt.type_int() }}) as reward_amount,
        flagged.is_bottom_three as needs_improvement_plan
    from flagged
    left join streaks
        on
            flagged.agent_id = streaks.agent_id
            and flagged.month_start_date = streaks.month_start_date
)

select * from final
