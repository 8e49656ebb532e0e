-- One row per month and product sold that month.
with monthly as (
    select
        cast({{ dbt.date_trunc('month', 'fact.order_date') }} as date) as order_month,
        fact.product_id,
        sum(fact.order_qty) as units_sold,
        count(distinct fact.sales_order_id) as order_count,
        sum(fact.gross_amount) as gross_revenue,
        sum(fact.discount_amount) as discount_amount,
        sum(fact.line_total) as net_revenue
    from {{ ref('fact_sales') }} as fact
    group by 1, 2
)

select
    monthly.order_month,
    monthly.product_id,
    products.product_name,
    products.category_name,
    monthly.units_sold,
    monthly.order_count,
    monthly.gross_revenue,
    monthly.discount_amount,
    monthly.net_revenue,
    rank() over (partition by monthly.order_month order by monthly.net_revenue desc) as revenue_rank_in_month
from monthly
inner join {{ ref('stg_products') }} as products
    on products.product_id = monthly.product_id
