-- One row per product; products that are parts, not sold, have no subcategory or category.
select
    product.product_id,
    product.name as product_name,
    product.product_number,
    product.color,
    product.standard_cost,
    product.list_price,
    subcategory.name as subcategory_name,
    category.name as category_name
from {{ source('adventureworks', 'product') }} as product
left join {{ source('adventureworks', 'product_subcategory') }} as subcategory
    on subcategory.product_subcategory_id = product.product_subcategory_id
left join {{ source('adventureworks', 'product_category') }} as category
    on category.product_category_id = subcategory.product_category_id
