-- One row per month and product.
select order_month, product_id, count(*) as rows_for_key
from {{ ref('sales_performance') }}
group by order_month, product_id
having count(*) > 1
