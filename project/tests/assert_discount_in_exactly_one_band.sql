-- Each line's discount satisfies exactly one band's condition, and the bands count every line once.
select sales_order_detail_id, unit_price_discount
from {{ ref('fact_sales') }}
where (case when unit_price_discount = 0 then 1 else 0 end)
    + (case when unit_price_discount > 0 and unit_price_discount <= 0.10 then 1 else 0 end)
    + (case when unit_price_discount > 0.10 and unit_price_discount <= 0.20 then 1 else 0 end)
    + (case when unit_price_discount > 0.20 then 1 else 0 end) <> 1
union all
select null, null
where (select sum(line_count) from {{ ref('discount_impact') }}) <> (select count(*) from {{ ref('fact_sales') }})
