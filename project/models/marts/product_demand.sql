-- One row per product sold at least once. return_rate = units_returned / units_sold (0 when nothing came back).
with per_product as (
    select
        product_id,
        sum(order_qty) as units_sold,
        sum(line_total) as net_revenue,
        sum(returned_qty) as units_returned
    from {{ ref('fact_sales') }}
    group by product_id
),

rated as (
    select
        per_product.*,
        case when units_sold = 0 then 0 else units_returned * 1.0 / units_sold end as return_rate
    from per_product
)

select
    rated.product_id,
    products.product_name,
    products.subcategory_name,
    products.category_name,
    rated.units_sold,
    rated.net_revenue,
    rated.units_returned,
    rated.return_rate,
    rank() over (order by rated.return_rate desc) as return_rate_rank,
    rank() over (partition by products.category_name order by rated.net_revenue desc) as category_revenue_rank
from rated
inner join {{ ref('stg_products') }} as products
    on products.product_id = rated.product_id
