{% macro current_timestamp() -%}
  {{ return(adapter.dispatch('current_timestamp', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp() -%}
    current_timestamp
{%- endmacro %}

{% macro duckdb__current_timestamp() -%}
    now()
{%- endmacro %}

{% macro snowflake__current_timestamp() -%}
    convert_timezone('UTC', current_timestamp())
{%- endmacro %}
