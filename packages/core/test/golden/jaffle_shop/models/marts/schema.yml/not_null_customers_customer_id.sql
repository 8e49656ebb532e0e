
    
    



select customer_id
from "jaffle_shop"."main"."customers"
where customer_id is null


