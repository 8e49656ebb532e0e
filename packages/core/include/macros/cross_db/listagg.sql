{% macro listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}
  {{ return(adapter.dispatch('listagg', 'dbt')(measure, delimiter_text, order_by_clause, limit_num)) }}
{%- endmacro %}

{% macro default__listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}

    {% if limit_num -%}
    {%- set delimiter_text = delimiter_text if delimiter_text else "','" -%}
    array_to_string(
        array_slice(
            array_agg(
                {{ measure }}
            ){% if order_by_clause -%}
            within group ({{ order_by_clause }})
            {%- endif %}
            ,0
            ,{{ limit_num }}
        ),
        {{ delimiter_text }}
        )
    {%- else %}
    listagg(
        {{ measure }},
        {{ delimiter_text }}
        )
        {% if order_by_clause -%}
        within group ({{ order_by_clause }})
        {%- endif %}
    {%- endif %}

{%- endmacro %}

{% macro duckdb__listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}

    {% if limit_num -%}
    list_aggr(
        list_slice(
            list({{ measure }} {{ order_by_clause }}),
            1,
            {{ limit_num }}
        ),
        'string_agg',
        {{ delimiter_text }}
    )
    {%- else %}
    string_agg(
        {{ measure }},
        {{ delimiter_text }}
        {{ order_by_clause }}
        )
    {%- endif %}

{%- endmacro %}
