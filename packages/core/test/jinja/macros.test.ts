import { describe, expect, it } from 'vitest';
import { JinjaEngine } from '../../src/jinja/index.js';
import { makeRender } from './render-helper.js';

const FILE = `{% macro greet(name, greeting='hello') -%}
{{ greeting }} {{ name }}{{ varargs }}{{ kwargs }}
{%- endmacro %}

{% test not_null(model, column_name) %}
select * from {{ model }} where {{ column_name }} is null
{% endtest %}

{% materialization table, adapter='duckdb' %}{{ this_is_ignored( }}{% endmaterialization %}
{% docs my_doc %}Some {{ markdown }}{% enddocs %}

text outside macros is ignored
{% macro wrap() %}<{{ caller() }}>{% endmacro %}
`;

describe('macro files', () => {
  const { engine, render } = makeRender();
  const defs = engine.addMacroFile('my_project', 'macros/util.sql', FILE);

  it('registers macros and {% test %} blocks as test_<name>, skipping materialization/docs blocks', () => {
    expect(defs.map((d) => d.name)).toEqual(['greet', 'test_not_null', 'wrap']);
    expect(engine.hasMacro(undefined, 'test_not_null')).toBe(true);
    expect(engine.hasMacro('my_project', 'greet')).toBe(true);
    expect(engine.hasMacro('other', 'greet')).toBe(false);
  });

  it('reports each definition with its file, line, arguments and block text', () => {
    const greet = defs[0]!;
    expect(greet).toMatchObject({ file: 'macros/util.sql', line: 1, packageName: 'my_project', arguments: ['name', 'greeting'] });
    expect(greet.source.startsWith('{% macro greet(')).toBe(true);
    expect(greet.source.endsWith('{%- endmacro %}')).toBe(true);
    expect(defs[1]!.line).toBe(5);
    expect(engine.macros().length).toBe(3);
  });

  it('binds defaults, keywords, varargs and kwargs as Jinja does', () => {
    expect(render("{{ greet('ann') }}|{{ greet('bo', greeting='hi') }}|{{ greet('cy', 'yo', 1, x=2) }}")).toBe(
      "hello ann(){}|hi bo(){}|yo cy(1,){'x': 2}",
    );
  });

  it('passes call-block bodies as caller()', () => {
    expect(render('{% call wrap() %}inside{% endcall %}')).toBe('<inside>');
  });

  it('renders a generic test macro like dbt does', () => {
    expect(engine.callMacro(undefined, 'test_not_null', [], { model: 'db.t', column_name: 'id' }).trim()).toBe('select * from db.t where id is null');
  });

  it('callMacro runs in the given context and returns return() values unstringified', () => {
    engine.addMacroFile('my_project', 'macros/ctx.sql', '{% macro rel() %}{{ return({"this": this, "n": [1, 2]}) }}{% endmacro %}');
    expect(engine.callMacro('my_project', 'rel', [], {}, { this: 'db.s.m' })).toEqual({ this: 'db.s.m', n: [1, 2] });
  });

  it('supports **kwargs and *args at call sites', () => {
    expect(render("{% set kw = {'greeting': 'hey'} %}{{ greet(*['di'], **kw) }}")).toBe('hey di(){}');
  });
});

describe('precedence and namespaces', () => {
  it('a root project macro overrides a package and the built-in dbt one when called unqualified', () => {
    const engine = new JinjaEngine({ rootPackage: 'proj' });
    engine.addMacroFile('dbt', 'macros/a.sql', '{% macro gen() %}dbt{% endmacro %}{% macro only_dbt() %}D{% endmacro %}');
    engine.addMacroFile('proj', 'macros/a.sql', '{% macro gen() %}proj{% endmacro %}');
    engine.addMacroFile('pkg', 'macros/a.sql', '{% macro gen() %}pkg{% endmacro %}');
    const r = (s: string) => engine.render({ name: 'm.sql', source: s }, {});
    expect(r('{{ gen() }} {{ dbt.gen() }} {{ pkg.gen() }} {{ proj.gen() }} {{ only_dbt() }}')).toBe('proj dbt pkg proj D');
  });

  it('without rootPackage the last registered non-dbt package wins', () => {
    const engine = new JinjaEngine();
    engine.addMacroFile('pkg', 'macros/a.sql', '{% macro gen() %}pkg{% endmacro %}');
    engine.addMacroFile('proj', 'macros/a.sql', '{% macro gen() %}proj{% endmacro %}');
    engine.addMacroFile('dbt', 'macros/a.sql', '{% macro gen() %}dbt{% endmacro %}');
    expect(engine.render({ name: 'm.sql', source: '{{ gen() }}' }, {})).toBe('proj');
  });

  it('re-adding a file replaces its macros', () => {
    const engine = new JinjaEngine();
    engine.addMacroFile('p', 'macros/a.sql', '{% macro one() %}1{% endmacro %}');
    engine.addMacroFile('p', 'macros/a.sql', '{% macro two() %}2{% endmacro %}');
    expect(engine.hasMacro(undefined, 'one')).toBe(false);
    expect(engine.hasMacro('p', 'two')).toBe(true);
  });

  it('a macro sees the calling context, not the caller template\'s local variables', () => {
    const engine = new JinjaEngine();
    engine.addMacroFile('p', 'macros/a.sql', '{% macro show() %}[{{ model.name }}|{{ local }}]{% endmacro %}');
    const out = engine.render({ name: 'm.sql', source: '{% set local = 1 %}{{ show() }}' }, { model: { name: 'orders' } });
    expect(out).toBe('[orders|]');
  });

  it('macros calling macros chain through the same context', () => {
    const engine = new JinjaEngine();
    engine.addMacroFile('p', 'macros/a.sql', '{% macro outer() %}{{ inner() }}{% endmacro %}{% macro inner() %}{{ this }}{% endmacro %}');
    expect(engine.render({ name: 'm.sql', source: '{{ outer() }}' }, { this: 'x.y' })).toBe('x.y');
  });

  it('TypeScript context functions receive kwargs as a trailing __keywords object', () => {
    const engine = new JinjaEngine();
    let seen: unknown[] = [];
    const out = engine.render({ name: 'm.sql', source: "{{ config(materialized='table', n=1.0) }}" }, { config: (...a: unknown[]) => ((seen = a), '') });
    expect(out).toBe('');
    expect(seen).toEqual([{ __keywords: true, materialized: 'table', n: 1 }]);
  });

  it('a TypeScript function may call a macro it is handed during a render', () => {
    const engine = new JinjaEngine();
    engine.addMacroFile('p', 'macros/a.sql', '{% macro twice(x) %}{{ x * 2 }}{% endmacro %}');
    const apply = (f: (x: number) => unknown, x: number) => f(x);
    expect(engine.render({ name: 'm.sql', source: '{{ apply(twice, 4) }}' }, { apply })).toBe('8');
  });
});

describe('getMacro', () => {
  it('returns the macro as a function usable during a render, and undefined when unknown', () => {
    const engine = new JinjaEngine();
    engine.addMacroFile('p', 'macros/a.sql', '{% macro hi(n) %}hi {{ n }}{% endmacro %}');
    const hi = engine.getMacro('p', 'hi')!;
    expect(engine.getMacro('p', 'nope')).toBeUndefined();
    expect(engine.render({ name: 'm.sql', source: '{{ f() }}' }, { f: () => hi('there') })).toBe('hi there');
    expect(() => hi('outside')).toThrow(/outside a render/);
  });
});
