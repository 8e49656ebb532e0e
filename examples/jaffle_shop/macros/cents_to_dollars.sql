{#- Amounts are stored in cents; marts report dollars. Dispatched so an adapter can cast differently. -#}
{% macro cents_to_dollars(column_name, scale=2) -%}
    {{ return(adapter.dispatch('cents_to_dollars', 'jaffle_shop')(column_name, scale)) }}
{%- endmacro %}

{% macro default__cents_to_dollars(column_name, scale) -%}
    ({{ column_name }} / 100)::numeric(16, {{ scale }})
{%- endmacro %}

{% macro snowflake__cents_to_dollars(column_name, scale) -%}
    ({{ column_name }} / 100)::number(16, {{ scale }})
{%- endmacro %}
