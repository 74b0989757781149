{#- Every channel value the contact facts and the KPI channel slices use: the canonical labels of the contact
    channel (tickets, calls, surveys) and chat channel domains. -#}
with

label_mappings as (
    select * from {{ ref('label_mappings') }}
),

channels as (
    select distinct canonical_label as channel
    from label_mappings
    where label_domain in ('contact_channel', 'chat_channel')
),

final as (
    select
        channel,
        case
            when channel = 'phone' then 'phone'
            when channel in ('web_chat', 'app_chat', 'wechat', 'chat') then 'chat'
            when channel = 'social' then 'social'
            else 'written'
        end as channel_group,
        channel in ('phone', 'web_chat', 'app_chat', 'wechat', 'chat') as is_realtime,
        channel in ({{ quoted_list(var('written_ticket_channels')) }}) as is_written_ticket_channel
    from channels
)

select * from final
