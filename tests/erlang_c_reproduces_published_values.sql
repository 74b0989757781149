-- The Erlang C macros must reproduce the published interval that tests/python/test_erlang.py checks in Python:
-- 100 calls in 30 minutes at 180 s AHT (10 erlangs), 80/20 goal. Returns a row per value that is off or missing.
with

reference_interval as (
    select
        'published' as interval_key,
        100.0 * 180.0 / 1800.0 as traffic_erlangs,
        180.0 as aht_seconds,
        20 as answer_within_seconds,
        0.8 as service_level_target
),

curve as (
    {{ erlang_c_curve('reference_interval', ['interval_key']) }}
),

required as (
    {{ erlang_c_required_agents('reference_interval', ['interval_key']) }}
),

expected as (
    select 'wait probability with 14 agents' as check_name, 0.1741 as expected_value, 4 as decimals
    union all
    select 'service level with 14 agents', 0.8884, 4
    union all
    select 'average speed of answer with 14 agents', 7.84, 2
    union all
    select 'service level with 13 agents is short of 80 %', 0, 0
    union all
    select 'smallest agent count reaching 80/20', 14, 0
    union all
    select 'no agent count at or below the traffic', 0, 0
),

actual as (
    select 'wait probability with 14 agents' as check_name, wait_probability as actual_value
    from curve
    where agents = 14
    union all
    select 'service level with 14 agents', service_level
    from curve
    where agents = 14
    union all
    select 'average speed of answer with 14 agents', average_speed_of_answer_seconds
    from curve
    where agents = 14
    union all
    select 'service level with 13 agents is short of 80 %', case when service_level < 0.8 then 0 else 1 end
    from curve
    where agents = 13
    union all
    select 'smallest agent count reaching 80/20', required_agents
    from required
    union all
    select 'no agent count at or below the traffic', count(*)
    from curve
    where agents <= traffic_erlangs
),

final as (
    select
        expected.check_name,
        expected.expected_value,
        actual.actual_value
    from expected
    left join actual
        on expected.check_name = actual.check_name
    where actual.actual_value is null
        or round(actual.actual_value, expected.decimals) <> expected.expected_value
)

select * from final
