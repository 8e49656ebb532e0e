{#- One row per customer with at least one order. segment: `high_value` for the top 10% of customers by
    lifetime_value (revenue_rank ≤ ceil(10% of customers)), else `regular` with two or more orders, else
    `occasional`. recency_days counts to the latest order date in the data, not today, so results reproduce. -#}
with per_customer as (
    select
        customer_id,
        min(order_date) as first_order_date,
        max(order_date) as last_order_date,
        count(distinct sales_order_id) as order_count,
        sum(line_total) as net_revenue,
        sum(returned_amount) as returned_amount
    from {{ ref('fact_sales') }}
    group by customer_id
),

measured as (
    select
        per_customer.*,
        per_customer.net_revenue - per_customer.returned_amount as lifetime_value,
        per_customer.net_revenue / per_customer.order_count as avg_order_value,
        max(per_customer.last_order_date) over () as data_last_order_date,
        count(*) over () as customer_count
    from per_customer
),

ranked as (
    select
        measured.*,
        rank() over (order by measured.lifetime_value desc) as revenue_rank
    from measured
)

select
    ranked.customer_id,
    customers.full_name,
    customers.customer_type,
    customers.state_province,
    customers.country_region,
    ranked.first_order_date,
    ranked.last_order_date,
    ranked.order_count,
    ranked.net_revenue,
    ranked.returned_amount,
    ranked.lifetime_value,
    ranked.avg_order_value,
    {{ dbt.datediff('ranked.last_order_date', 'ranked.data_last_order_date', 'day') }} as recency_days,
    ranked.revenue_rank,
    case
        when ranked.revenue_rank <= ceil(0.1 * ranked.customer_count) then 'high_value'
        when ranked.order_count >= 2 then 'regular'
        else 'occasional'
    end as segment
from ranked
inner join {{ ref('stg_customers') }} as customers
    on customers.customer_id = ranked.customer_id
