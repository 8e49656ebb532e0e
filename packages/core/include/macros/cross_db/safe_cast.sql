{% macro safe_cast(field, type) -%}
  {{ return(adapter.dispatch('safe_cast', 'dbt')(field, type)) }}
{%- endmacro %}

{% macro default__safe_cast(field, type) -%}
    cast({{field}} as {{type}})
{%- endmacro %}

{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{field}} as {{type}})
{%- endmacro %}

{% macro snowflake__safe_cast(field, type) -%}
    try_cast({{field}} as {{type}})
{%- endmacro %}
