-- Every order's lines add up to its header: subtotal, tax, freight and total due allocated to the cent (exactly),
-- and the line totals to the subtotal within money's rounding.
with per_order as (
    select
        sales_order_id,
        sum(line_total) as line_total,
        sum(subtotal_allocated) as subtotal_allocated,
        sum(tax_allocated) as tax_allocated,
        sum(freight_allocated) as freight_allocated,
        sum(total_due_allocated) as total_due_allocated
    from {{ ref('fact_sales') }}
    group by sales_order_id
)

select orders.sales_order_id
from {{ ref('stg_sales_orders') }} as orders
left join per_order
    on per_order.sales_order_id = orders.sales_order_id
where per_order.sales_order_id is null
    or per_order.subtotal_allocated <> orders.subtotal
    or per_order.tax_allocated <> orders.tax_amt
    or per_order.freight_allocated <> orders.freight
    or per_order.total_due_allocated <> orders.total_due
    or abs(per_order.line_total - orders.subtotal) > 0.0001
