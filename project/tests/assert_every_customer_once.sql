-- stg_customers keeps every customer of the source, individuals and stores, exactly once;
-- customer_analysis has exactly the customers with an order.
select 'stg_customers' as model, count(*) as customers
from {{ ref('stg_customers') }}
having count(*) <> (select count(*) from {{ source('adventureworks', 'customer') }})
union all
select 'customer_analysis', count(*)
from {{ ref('customer_analysis') }}
having count(*) <> (select count(distinct customer_id) from {{ ref('stg_sales_orders') }})
