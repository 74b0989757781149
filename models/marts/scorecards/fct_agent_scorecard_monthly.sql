{#- The monthly agent ranking the documents use: top three for var scorecard_reward_streak_months months running
    earn var scorecard_rewards; the bottom three owe an improvement plan. -#}
with

kpi_values as (
    select * from {{ ref('fct_kpi_values') }}
    where period_grain = 'month' and dimension_name = 'agent'
),

scorecard as (
    select * from {{ ref('agent_scorecard') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

agent_months as (
    select
        kpi_values.dimension_value as agent_id,
        kpi_values.period_start as month_start_date,
        max(case when kpi_values.metric_id = 'agent_performance_score' then kpi_values.value end)
            as agent_performance_score,
        {%- for metric_id in ['qa_average_score', 'average_handle_time', 'csat_average_score',
                              'first_contact_resolution_rate', 'schedule_adherence', 'valid_complaint_count',
                              'employee_performance_index'] %}
            max(case when kpi_values.metric_id = '{{ metric_id }}' then kpi_values.value end) as {{ metric_id }},
        {%- endfor %}
        count(distinct case when scorecard.metric_id is not null then kpi_values.metric_id end) as scored_kpis
    from kpi_values
    left join scorecard
        on kpi_values.metric_id = scorecard.metric_id
    group by 1, 2
),

ranked as (
    select
        agent_months.*,
        employees.team_id,
        employees.role,
        rank() over (partition by agent_months.month_start_date order by agent_months.agent_performance_score desc) as performance_rank,
        rank() over (partition by agent_months.month_start_date order by agent_months.agent_performance_score asc) as reverse_rank
    from agent_months
    inner join employees
        on agent_months.agent_id = employees.employee_id
    where agent_months.agent_performance_score is not null
),

flagged as (
    select
        *,
        performance_rank <= 3 as is_top_three,
        reverse_rank <= 3 as is_bottom_three
    from ranked
),

-- consecutive months in the top three: months since the agent's last month outside it
streaks as (
    select
        *,
        sum(case when is_top_three then 0 else 1 end) over (
            partition by agent_id order by month_start_date rows between unbounded preceding and current row
        ) as streak_group
    from flagged
),

streak_counted as (
    select
        *,
        -- a group opens with the month that broke the previous streak, so that month is not counted
        case
            when is_top_three
                then count(*) over (
                    partition by agent_id, streak_group
                    order by month_start_date rows between unbounded preceding and current row
                ) - case when streak_group > 0 then 1 else 0 end
            else 0
        end as top_three_streak_months
    from streaks
),

final as (
    select
        agent_id,
        month_start_date,
        team_id,
        role,
        agent_performance_score,
        qa_average_score,
        average_handle_time,
        csat_average_score,
        first_contact_resolution_rate,
        schedule_adherence,
        valid_complaint_count,
        employee_performance_index,
        -- counts and ranks are int on some engines and bigint on others; the contract says bigint
        cast(scored_kpis as {{ dbt.type_bigint() }}) as scored_kpis,
        cast(performance_rank as {{ dbt.type_bigint() }}) as performance_rank,
        is_top_three,
        is_bottom_three,
        cast(top_three_streak_months as {{ dbt.type_bigint() }}) as top_three_streak_months,
        top_three_streak_months >= {{ var('scorecard_reward_streak_months') }} as is_reward_eligible,
        cast(case
            {%- for amount in var('scorecard_rewards') %}
                when
                    top_three_streak_months >= {{ var('scorecard_reward_streak_months') }}
                    and performance_rank = {{ loop.index }} then {{ amount }}
            {%- endfor %}
            else 0
        end as {{ dbt.type_int() }}) as reward_amount,
        is_bottom_three as needs_improvement_plan
    from streak_counted
)

select * from final
