
    
    



select amount
from "jaffle_shop"."main"."orders"
where amount is null


