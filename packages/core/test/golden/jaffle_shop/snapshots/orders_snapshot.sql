



select * from "jaffle_shop"."main"."stg_orders"
