{#- Schemas are exactly `staging` and `analytics`: a model's custom schema is used as is, not appended to the
    target's schema as dbt's default does (which would give `analytics_staging`). -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
