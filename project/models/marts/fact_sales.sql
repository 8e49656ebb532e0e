{#- One row per order line. Header amounts are allocated to lines in proportion to line_total, rounded to money's
    4 decimals, with the rounding residue put on the order's largest line (ties: lowest sales_order_detail_id),
    so each order's allocations add up exactly to its header amounts. -#}
with lines as (
    select
        detail.sales_order_detail_id,
        detail.sales_order_id,
        orders.customer_id,
        detail.product_id,
        detail.special_offer_id,
        orders.order_date,
        detail.order_qty,
        detail.unit_price,
        detail.unit_price_discount,
        detail.gross_amount,
        detail.discount_amount,
        detail.line_total,
        orders.subtotal,
        orders.tax_amt,
        orders.freight,
        sum(detail.line_total) over (partition by detail.sales_order_id) as order_line_total,
        count(*) over (partition by detail.sales_order_id) as order_line_count,
        row_number() over (
            partition by detail.sales_order_id
            order by detail.line_total desc, detail.sales_order_detail_id
        ) as size_rank
    from {{ ref('stg_sales_order_details') }} as detail
    inner join {{ ref('stg_sales_orders') }} as orders
        on orders.sales_order_id = detail.sales_order_id
),

weighted as (
    select
        *,
        case
            when order_line_total = 0 then 1.0 / order_line_count
            else line_total / order_line_total
        end as line_share
    from lines
),

rounded as (
    select
        *,
        cast(round(subtotal * line_share, 4) as decimal(19, 4)) as subtotal_share,
        cast(round(tax_amt * line_share, 4) as decimal(19, 4)) as tax_share,
        cast(round(freight * line_share, 4) as decimal(19, 4)) as freight_share
    from weighted
),

allocated as (
    select
        *,
        subtotal_share + case when size_rank = 1
            then subtotal - sum(subtotal_share) over (partition by sales_order_id) else 0 end as subtotal_allocated,
        tax_share + case when size_rank = 1
            then tax_amt - sum(tax_share) over (partition by sales_order_id) else 0 end as tax_allocated,
        freight_share + case when size_rank = 1
            then freight - sum(freight_share) over (partition by sales_order_id) else 0 end as freight_allocated
    from rounded
),

returns as (
    select
        sales_order_detail_id,
        sum(return_qty) as returned_qty
    from {{ ref('stg_sales_order_returns') }}
    group by sales_order_detail_id
)

select
    allocated.sales_order_detail_id,
    allocated.sales_order_id,
    allocated.customer_id,
    allocated.product_id,
    allocated.special_offer_id,
    allocated.order_date,
    allocated.order_qty,
    allocated.unit_price,
    allocated.unit_price_discount,
    allocated.gross_amount,
    allocated.discount_amount,
    allocated.line_total,
    allocated.subtotal_allocated,
    allocated.tax_allocated,
    allocated.freight_allocated,
    allocated.subtotal_allocated + allocated.tax_allocated + allocated.freight_allocated as total_due_allocated,
    coalesce(returns.returned_qty, 0) as returned_qty,
    -- A returned unit is refunded at the net price paid for it: line_total / order_qty.
    cast(
        case when allocated.order_qty = 0 then 0
        else allocated.line_total * coalesce(returns.returned_qty, 0) / allocated.order_qty end
        as decimal(38, 6)
    ) as returned_amount
from allocated
left join returns
    on returns.sales_order_detail_id = allocated.sales_order_detail_id
