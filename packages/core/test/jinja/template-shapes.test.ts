import { describe, expect, it } from 'vitest';
import { compileTemplate, type CompiledCode } from '../../src/jinja/compile-source.js';
import { builtinFilters } from '../../src/jinja/filters.js';
import { JinjaEngine } from '../../src/jinja/index.js';
import { TemplateShapes } from '../../src/jinja/template-shapes.js';
import { builtinTests } from '../../src/jinja/tests.js';

const tables = { filters: builtinFilters, tests: builtinTests };
const full = (source: string) => compileTemplate(source, tables, { file: 'x.sql', lineOffset: 0 });

/** Code with constants and positions written in: two compiles with the same meaning spell the same. */
const spelled = (c: CompiledCode) =>
  c.code.replace(/K\[(\d+)\]/g, (_, i: string) => JSON.stringify(c.consts[Number(i)])).replace(/L=(\d+)/g, (_, i: string) => `L=${c.positions[2 * Number(i)]}:${c.positions[2 * Number(i) + 1]}`);

/** Compiles each template through one TemplateShapes; returns how many came from a shape. Each must mean its full compile. */
function throughShapes(templates: string[]): number {
  const shapes = new TemplateShapes();
  for (const t of templates) expect(spelled(shapes.compile(t, full)), t).toBe(spelled(full(t)));
  return shapes.hits;
}

describe('template shapes', () => {
  it('compiles templates that differ only in text and literals from the first one of their shape', () => {
    const model = (i: number, pad: string) => `{{ config(materialized='${i % 2 ? 'view' : 'table'}') }}\nselect ${pad}id\nfrom {{ ref('m_${i}') }}\n`;
    expect(throughShapes([model(1, ''), model(22, '  '), model(333, '\n\n   ')])).toBe(2);
  });

  it('keeps a name the compiler made even when a literal of the first template spelled it', () => {
    // `test_unique` is both the macro's name (from `{% test unique %}`) and a literal; only the literal changes.
    const t = (lit: string) => `{% test unique(model) %}{{ adapter.dispatch('${lit}', 'dbt')(model) }}{% endtest %}`;
    expect(throughShapes([t('test_unique'), t('test_other'), t('x')])).toBe(2);
  });

  it('follows whitespace control, and positions move with the text', () => {
    const t = (a: string, b: string) => `${a}{%- if x -%}\n  ${b}  \n{%- endif %}\n{{ ref('${b}') }}`;
    expect(throughShapes([t('a\n', 'b'), t('line one\nline two\n\n', 'other'), t('', 'c')])).toBeGreaterThan(0);
  });

  it('does not reuse a shape across literals that change the code (dict keys, tests, subscripts)', () => {
    const shapes = new TemplateShapes();
    for (const key of ['a', 'b']) shapes.compile(`{{ {'${key}': 1}['${key}'] }}`, full);
    expect(shapes.hits).toBe(0);
  });

  it('keeps templates that differ in a name (ref / source) or a key apart, each from its own shape', () => {
    const t = (fn: string, i: number) => `select * from {{ ${fn}('s', 't_${i}') }} where {{ {'a\\'b': 1}['a\\'b'] }} -- ${i}`;
    expect(throughShapes([t('ref', 1), t('source', 2), t('ref', 3), t('source', 4), t('ref', 5)])).toBe(3);
  });

  it('compiles in full a template whose text does not fit its shape, and never shapes raw blocks', () => {
    // The same blank text becomes one constant in the first template: a second template with two blanks cannot use it.
    const t = (a: string, b: string) => `{{ a }}${a}{{ b }}${b}{{ c }}`;
    expect(throughShapes([t('\n', '\n'), t('\n', '\n'), t('\n', '\n\n'), t(' ', '  ')])).toBe(1);
    const raw = (x: string) => `{% raw %}{{ ${x} }}{% endraw %} {{ '${x}' }}`;
    expect(throughShapes([raw('a'), raw('b'), raw('c')])).toBe(0);
  });

  it('renders the same through the engine as without shapes, errors at the right line', () => {
    const engine = new JinjaEngine();
    const ctx = { ref: (n: string) => `"db"."${n}"`, n: 1 };
    const t = (name: string, pad: string) => `-- ${name}\n${pad}select * from {{ ref('${name}') }}\n{{ n + none }}`;
    expect(engine.render({ name: 'a.sql', source: 'select {{ ref("a") }}' }, ctx)).toBe('select "db"."a"');
    for (const [name, pad] of [['first', ''], ['second', '\n\n']] as const) {
      try {
        engine.render({ name: `${name}.sql`, source: t(name, pad) }, ctx);
        throw new Error('expected a failure');
      } catch (e) {
        expect(e).toMatchObject({ code: 'TSDBT_JINJA_RENDER', diagnostics: [{ file: `${name}.sql`, line: pad ? 5 : 3 }] });
      }
    }
  });
});
