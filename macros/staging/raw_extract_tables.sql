{% macro raw_extract_tables() %}
    {#- Every table of the raw extract contract as [source, table]; the data-quality marts union over it.
        A contract table missing here fails the test source_reconciliation_covers_contract. -#}
    {{ return([
        ['telephony', 'call_legs'], ['telephony', 'agent_states'], ['telephony', 'queues'],
        ['telephony', 'interval_arrivals'],
        ['wfm', 'interval_forecasts'], ['wfm', 'schedules'], ['wfm', 'service_goals'],
        ['ticketing', 'tickets'], ['ticketing', 'ticket_events'],
        ['chat', 'chat_sessions'], ['chat', 'chat_messages'],
        ['social', 'social_posts'],
        ['surveys', 'survey_responses'], ['surveys', 'employee_surveys'], ['surveys', 'survey_plans'],
        ['qa', 'qa_evaluations'],
        ['hr', 'employees'], ['hr', 'teams'], ['hr', 'performance_reviews'], ['hr', 'promotions'],
        ['hr', 'training_sessions'],
        ['hr', 'training_attendance'],
        ['finance', 'cost_ledger'], ['finance', 'revenue'], ['finance', 'sales_plans'],
        ['crm', 'customers'], ['crm', 'transactions'], ['crm', 'callbacks'], ['crm', 'customer_feedback'],
        ['crm', 'service_handoffs'],
    ]) }}
{% endmacro %}
