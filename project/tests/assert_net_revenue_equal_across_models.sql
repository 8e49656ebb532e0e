-- Net revenue is one number, whichever model it is read from.
with totals as (
    select 'fact_sales' as model, sum(line_total) as net_revenue from {{ ref('fact_sales') }}
    union all
    select 'sales_performance', sum(net_revenue) from {{ ref('sales_performance') }}
    union all
    select 'customer_analysis', sum(net_revenue) from {{ ref('customer_analysis') }}
    union all
    select 'product_demand', sum(net_revenue) from {{ ref('product_demand') }}
    union all
    select 'discount_impact', sum(net_revenue) from {{ ref('discount_impact') }}
)

select model, net_revenue
from totals
where abs(net_revenue - (select net_revenue from totals where model = 'fact_sales')) > 0.000001
