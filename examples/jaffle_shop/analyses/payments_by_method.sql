select payment_method, sum(amount) as total
from {{ ref('stg_payments') }}
group by 1
order by 2 desc
