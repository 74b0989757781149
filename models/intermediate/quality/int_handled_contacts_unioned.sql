{#- handled_contact (docs/kpi_inputs.yml): an answered inbound call leg, an agent chat with agent_id, or a ticket
    with agent_id; one row per contact and agent, so a call answered by two agents after a transfer is handled
    twice. Record completeness (001 信息录入完整性, e.g. 遗漏客户联系方式): calls and chats need inquiry_category and
    resolution_status (on every leg the agent answered) and a customer contact (a CRM customer id, or for a call the
    caller's number on any of its answered legs), tickets the fields in var ticket_mandatory_fields. -#}
{%- set ticket_field_checks = {
    'category': 'tickets.category is not null',
    'priority': 'tickets.priority is not null',
    'customer_contact': '(tickets.customer_id is not null or tickets.customer_email_hash is not null'
        ~ ' or tickets.customer_phone_hash is not null)',
} -%}
{%- set ticket_mandatory_fields = var('ticket_mandatory_fields') -%}
{%- for field in ticket_mandatory_fields if field not in ticket_field_checks -%}
    {{ exceptions.raise_compiler_error(
        "ticket_mandatory_fields: unknown field '" ~ field ~ "'; known: " ~ (ticket_field_checks.keys() | join(', '))
    ) }}
{%- endfor %}

with

call_legs as (
    select * from {{ ref('int_call_legs_enriched') }}
),

chat_sessions as (
    select * from {{ ref('stg_chat__chat_sessions') }}
),

tickets as (
    select * from {{ ref('stg_ticketing__tickets') }}
),

employees as (
    select * from {{ ref('stg_hr__employees') }}
),

answered_legs as (
    select
        call_id,
        agent_id,
        queue_id,
        inquiry_category,
        answered_at,
        row_number() over (partition by call_id, agent_id order by leg_number) as agent_leg_order,
        min(case when inquiry_category is not null and resolution_status is not null then 1 else 0 end)
            over (partition by call_id, agent_id) as all_agent_legs_complete,
        max(case when customer_id is not null or customer_phone_hash is not null then 1 else 0 end)
            over (partition by call_id) as has_customer_contact
    from call_legs
    where is_inbound and is_answered
),

-- a call is handled by an agent from that agent's first answered leg
calls_handled as (
    select
        'phone' as contact_channel,
        call_id as contact_id,
        agent_id,
        queue_id,
        inquiry_category,
        {{ local_date('answered_at') }} as contact_date,
        all_agent_legs_complete = 1 and has_customer_contact = 1 as has_complete_record
    from answered_legs
    where agent_leg_order = 1
),

chats_handled as (
    select
        'chat' as contact_channel,
        session_id as contact_id,
        agent_id,
        queue_id,
        inquiry_category,
        {{ local_date('started_at') }} as contact_date,
        inquiry_category is not null and resolution_status is not null and customer_id is not null
            as has_complete_record
    from chat_sessions
    where agent_id is not null and not coalesce(is_test, false)
),

tickets_handled as (
    select
        'ticket' as contact_channel,
        tickets.ticket_id as contact_id,
        tickets.agent_id,
        cast(null as {{ dbt.type_string() }}) as queue_id,
        tickets.category as inquiry_category,
        {{ local_date('tickets.created_at') }} as contact_date,
        {% for field in ticket_mandatory_fields -%}
            {{ ticket_field_checks[field] }}{{ ' and ' if not loop.last }}
        {%- endfor %} as has_complete_record
    from tickets
    where tickets.agent_id is not null and not coalesce(tickets.is_test, false)
),

unioned as (
    select * from calls_handled
    union all
    select * from chats_handled
    union all
    select * from tickets_handled
),

final as (
    select
        unioned.contact_channel,
        unioned.contact_id,
        unioned.agent_id,
        employees.team_id,
        unioned.queue_id,
        unioned.inquiry_category,
        unioned.contact_date,
        unioned.has_complete_record
    from unioned
    left join employees
        on unioned.agent_id = employees.employee_id
)

select * from final
