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

curve_at_fourteen as (
    select * from curve
    where agents = 14
),

expected as (
    select
        'wait probability with 14 agents' as check_name,
        0.1741 as expected_value,
        4 as decimals
    union all
    select
        'service level with 14 agents' as check_name,
        0.8884 as expected_value,
        4 as decimals
    union all
    select
        'average speed of answer with 14 agents' as check_name,
        7.84 as expected_value,
        2 as decimals
    union all
    select
        'service level with 13 agents is short of 80 %' as check_name,
        0 as expected_value,
        0 as decimals
    union all
    select
        'smallest agent count reaching 80/20' as check_name,
        14 as expected_value,
        0 as decimals
    union all
    select
        'no agent count at or below the traffic' as check_name,
        0 as expected_value,
        0 as decimals
),

actual as (
    select
        'wait probability with 14 agents' as check_name,
        wait_probability as actual_value
    from curve_at_fourteen
    union all
    select
        'service level with 14 agents' as check_name,
        service_level as actual_value
    from curve_at_fourteen
    union all
    select
        'average speed of answer with 14 agents' as check_name,
        average_speed_of_answer_seconds as actual_value
    from curve_at_fourteen
    union all
    select
        'service level with 13 agents is short of 80 %' as check_name,
        case when service_level < 0.8 then 0 else 1 end as actual_value
    from curve
    where agents = 13
    union all
    select
        'smallest agent count reaching 80/20' as check_name,
        required_agents as actual_value
    from required
    union all
    select
        'no agent count at or below the traffic' as check_name,
        count(*) as actual_value
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
    where
        actual.actual_value is null
        -- rounds to the published value: within half a unit of its last decimal
        or abs(actual.actual_value - expected.expected_value) >= 0.5 * power(10.0, -expected.decimals)
)

select * from final
