-- One row per return of units of an order line (extension table; empty for the real AdventureWorks rows).
select
    sales_order_return_id,
    sales_order_id,
    sales_order_detail_id,
    cast(return_date as date) as return_date,
    return_qty,
    return_reason
from {{ source('adventureworks', 'sales_order_return') }}
