{#-
    Erlang C staffing in portable SQL (DuckDB, PostgreSQL, Spark): no recursive CTEs, no engine-specific functions
    (times_exp only avoids PostgreSQL's underflow error).
    The reference implementation and its published test values are scripts/erlang.py and tests/python/test_erlang.py;
    tests/erlang_c_reproduces_published_values.sql checks that these macros agree.

    For traffic A (erlangs) and N agents, Erlang B is the truncated Poisson ratio
        B(N, A) = p(N) / sum_{k=0..N} p(k),   p(k) = exp(k ln A - ln k! - A)
    (the same number the recursion B(n) = A B(n-1) / (n + A B(n-1)) gives). Working with the Poisson terms keeps
    every value in [0, 1]: A^k / k! itself overflows a double from about 170 erlangs. ln k! is a running sum of
    ln k over a generated series, and the sum over k a running window sum, so one pass covers every N.
        C(N, A)  = N B / (N - A (1 - B))                 probability that a call waits (N > A)
        SL(N)    = 1 - C exp(-(N - A) T / AHT)           share answered within T seconds
        ASA(N)   = C AHT / (N - A)
    Candidate counts run up to var erlang_max_agents (default 500); an interval needing more gets no row.
-#}

{% macro erlang_c_curve(relation, key_columns, extra_columns=[]) %}
    {#- One row per key of `relation` and agent count N with traffic < N <= erlang_max_agents. `relation` has one
        row per key and the columns traffic_erlangs (> 0 to appear at all), aht_seconds (> 0) and
        answer_within_seconds; extra_columns are carried through unchanged. -#}
    {%- set max_agents = var('erlang_max_agents') -%}
    {%- set keys = key_columns | join(', ') -%}
    {%- set carried = (key_columns + extra_columns) | join(', ') -%}
    select
        {{ carried }},
        traffic_erlangs,
        aht_seconds,
        answer_within_seconds,
        agents,
        wait_probability,
        1 - {{ times_exp('wait_probability', '-(agents - traffic_erlangs) * answer_within_seconds / aht_seconds') }}
            as service_level,
        wait_probability * aht_seconds / (agents - traffic_erlangs) as average_speed_of_answer_seconds
    from (
        select
            {{ carried }},
            traffic_erlangs,
            aht_seconds,
            answer_within_seconds,
            agents,
            agents * erlang_b / (agents - traffic_erlangs * (1 - erlang_b)) as wait_probability
        from (
            select
                {{ carried }},
                traffic_erlangs,
                aht_seconds,
                answer_within_seconds,
                agents,
                poisson_term / sum(poisson_term) over (
                    partition by {{ keys }}
                    order by agents
                    rows between unbounded preceding and current row
                ) as erlang_b
            from (
                select
                    {%- for column in key_columns + extra_columns %}
                    loads.{{ column }},
                    {%- endfor %}
                    loads.traffic_erlangs,
                    loads.aht_seconds,
                    loads.answer_within_seconds,
                    agent_counts.agents,
                    -- floor at exp(-700): PostgreSQL raises an underflow error instead of returning 0
                    exp(greatest(
                        agent_counts.agents * ln(loads.traffic_erlangs)
                        - agent_counts.ln_agents_factorial
                        - loads.traffic_erlangs,
                        -700
                    )) as poisson_term
                from (
                    select
                        {{ carried }},
                        cast(traffic_erlangs as {{ dbt.type_float() }}) as traffic_erlangs,
                        cast(aht_seconds as {{ dbt.type_float() }}) as aht_seconds,
                        cast(answer_within_seconds as {{ dbt.type_float() }}) as answer_within_seconds
                    from {{ relation }}
                    where traffic_erlangs > 0 and aht_seconds > 0
                ) as loads
                cross join (
                    select
                        agents,
                        sum(ln_agents) over (order by agents rows between unbounded preceding and current row)
                            as ln_agents_factorial
                    from (
                        select
                            cast(generated_number - 1 as {{ dbt.type_int() }}) as agents,
                            case
                                when generated_number > 1 then ln(generated_number - 1) else 0
                            end as ln_agents
                        from ({{ dbt.generate_series(max_agents + 1) }}) as series
                    ) as counts
                ) as agent_counts
            ) as terms
        ) as blocking
        where agents > traffic_erlangs
    ) as waiting
{% endmacro %}


{% macro erlang_c_required_agents(relation, key_columns) %}
    {#- One row per key of `relation` whose goal is reachable within erlang_max_agents: the smallest N > traffic
        with SL(N) >= service_level_target, and the wait probability, service level and ASA at that N. Needs the
        erlang_c_curve columns plus service_level_target. Keys with no traffic get no row (0 agents needed). -#}
    select
        {{ key_columns | join(', ') }},
        agents as required_agents,
        wait_probability,
        service_level,
        average_speed_of_answer_seconds
    from (
        select
            curve.*,
            row_number() over (partition by {{ key_columns | join(', ') }} order by agents) as agents_rank
        from ({{ erlang_c_curve(relation, key_columns, ['service_level_target']) }}) as curve
        where service_level >= service_level_target
    ) as meeting_goal
    where agents_rank = 1
{% endmacro %}
