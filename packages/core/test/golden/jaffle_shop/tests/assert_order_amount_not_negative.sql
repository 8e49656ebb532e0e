-- A singular test: returns the orders whose total is negative (there should be none).
select order_id, amount
from "jaffle_shop"."main"."orders"
where amount < 0