{#- One row per customer, individuals and stores. Address: the person's Home or the store's Main Office address,
    the lowest address_id where there are several, NULL where there is none. -#}
with customer as (
    select
        *,
        -- Whose address, and which kind: a store's Main Office, a person's Home.
        coalesce(store_id, person_id) as address_owner_id,
        case when store_id is not null then 'Main Office' else 'Home' end as wanted_address_type
    from {{ source('adventureworks', 'customer') }}
),

person as (
    select * from {{ source('adventureworks', 'person') }}
),

store as (
    select * from {{ source('adventureworks', 'store') }}
),

entity_address as (
    select
        bea.business_entity_id,
        bea.address_id,
        address_type.name as address_type,
        row_number() over (
            partition by bea.business_entity_id, address_type.name
            order by bea.address_id
        ) as address_rank
    from {{ source('adventureworks', 'business_entity_address') }} as bea
    inner join {{ source('adventureworks', 'address_type') }} as address_type
        on address_type.address_type_id = bea.address_type_id
),

located_address as (
    select
        address.address_id,
        address.city,
        state_province.name as state_province,
        country_region.name as country_region
    from {{ source('adventureworks', 'address') }} as address
    inner join {{ source('adventureworks', 'state_province') }} as state_province
        on state_province.state_province_id = address.state_province_id
    inner join {{ source('adventureworks', 'country_region') }} as country_region
        on country_region.country_region_code = state_province.country_region_code
)

select
    customer.customer_id,
    customer.person_id,
    customer.store_id,
    customer.territory_id,
    case when customer.store_id is not null then 'store' else 'individual' end as customer_type,
    case
        when customer.store_id is not null then store.name
        else person.first_name || ' ' || person.last_name
    end as full_name,
    located_address.city,
    located_address.state_province,
    located_address.country_region
from customer
left join person
    on person.business_entity_id = customer.person_id
left join store
    on store.business_entity_id = customer.store_id
left join entity_address as customer_address
    on customer_address.business_entity_id = customer.address_owner_id
    and customer_address.address_type = customer.wanted_address_type
    and customer_address.address_rank = 1
left join located_address
    on located_address.address_id = customer_address.address_id
