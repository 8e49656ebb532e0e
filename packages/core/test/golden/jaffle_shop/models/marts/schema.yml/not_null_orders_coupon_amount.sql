
    
    



select coupon_amount
from "jaffle_shop"."main"."orders"
where coupon_amount is null


