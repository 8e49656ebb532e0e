with source as (

    select * from "jaffle_shop"."main_raw"."raw_payments"

),

renamed as (

    select
        id as payment_id,
        order_id,
        payment_method,
        (amount / 100)::numeric(16, 2) as amount

    from source

)

select * from renamed