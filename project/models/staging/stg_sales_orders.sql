-- One row per sales order.
select
    sales_order_id,
    customer_id,
    cast(order_date as date) as order_date,
    cast(due_date as date) as due_date,
    cast(ship_date as date) as ship_date,
    status,
    cast(online_order_flag as boolean) as online_order_flag,
    territory_id,
    ship_to_address_id,
    sub_total as subtotal,
    tax_amt,
    freight,
    total_due
from {{ source('adventureworks', 'sales_order_header') }}
