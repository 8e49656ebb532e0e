-- One row per order line; line_total = gross_amount − discount_amount = AdventureWorks' LineTotal.
with detail as (
    select
        sales_order_detail_id,
        sales_order_id,
        product_id,
        special_offer_id,
        order_qty,
        unit_price,
        unit_price_discount,
        cast(unit_price * order_qty as decimal(38, 6)) as gross_amount
    from {{ source('adventureworks', 'sales_order_detail') }}
)

select
    sales_order_detail_id,
    sales_order_id,
    product_id,
    special_offer_id,
    order_qty,
    unit_price,
    unit_price_discount,
    gross_amount,
    cast(gross_amount * unit_price_discount as decimal(38, 6)) as discount_amount,
    cast(gross_amount - gross_amount * unit_price_discount as decimal(38, 6)) as line_total
from detail
