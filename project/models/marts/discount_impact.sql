-- One row per discount band of a line's unit_price_discount: none (0), up to 10% (0, 0.10], 10-20% (0.10, 0.20],
-- over 20% (above 0.20).
with banded as (
    select
        case
            when unit_price_discount = 0 then 'none'
            when unit_price_discount <= 0.10 then 'up to 10%'
            when unit_price_discount <= 0.20 then '10-20%'
            else 'over 20%'
        end as discount_band,
        sales_order_id,
        order_qty,
        gross_amount,
        discount_amount,
        line_total
    from {{ ref('fact_sales') }}
),

per_band as (
    select
        discount_band,
        count(*) as line_count,
        count(distinct sales_order_id) as order_count,
        sum(order_qty) as units_sold,
        sum(gross_amount) as gross_revenue,
        sum(discount_amount) as discount_amount,
        sum(line_total) as net_revenue
    from banded
    group by discount_band
)

select
    discount_band,
    line_count,
    order_count,
    units_sold,
    gross_revenue,
    discount_amount,
    net_revenue,
    units_sold * 1.0 / line_count as avg_units_per_line,
    net_revenue * 1.0 / sum(net_revenue) over () as share_of_net_revenue
from per_band
