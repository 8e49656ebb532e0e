-- A singular test: returns the orders whose total is negative (there should be none).
select order_id, amount
from {{ ref('orders') }}
where amount < 0
