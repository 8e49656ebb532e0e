/** Every row of shared/JINJA-COMPAT.md (the "Jinja2" column is the expected output), one test each. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderResumable, suspendable } from '../../src/jinja/index.js';
import { makeRender } from './render-helper.js';

const { engine, render } = makeRender();

const ROWS: [string, string][] = [
  ['{% set l = [] %}{% do l.append(1) %}{{ l }}', '[1]'],
  ['{% for i in [1,2,3] %}{% if i == 3 %}{% break %}{% endif %}{{ i }}{% endfor %}', '12'],
  ['{% set ns = namespace(a=1) %}{% for i in [1,2,3] %}{% set ns.a = ns.a + i %}{% endfor %}{{ ns.a }}', '7'],
  ['{% for i in [1,2,3] if i > 1 %}{{ i }}{% endfor %}', '23'],
  ['{% set a, b = [1,2] %}{{ a }}-{{ b }}', '1-2'],
  ['{% set x = 1 %}{% for i in [1] %}{% set x = 2 %}{% endfor %}{{ x }}', '1'],
  ['{% macro f(a) %}{{ a }}{{ kwargs }}{% endmacro %}{{ f(1, b=2) }}', "1{'b': 2}"],
  ["{{ [{'n':'x'},{'n':'y'}] | map(attribute='n') | join(',') }}", 'x,y'],
  ["{{ [{'n':'x'}] | join(',', attribute='n') }}", 'x'],
  ["{{ {'a':1} | tojson }}", '{"a": 1}'],
  ['{{ [1,1,2] | unique | list }}', '[1, 2]'],
  ['{{ [3,1,2] | min }} {{ [3,1,2] | max }}', '1 3'],
  ["{{ {'a': 1} | items | list }}", "[('a', 1)]"],
  ['{{ [1] is sequence }}', 'True'],
  ["{{ 'ABC'.lower() }} {{ '{} x'.format(1) }} {{ 'abc'.startswith('a') }} {{ ' a '.strip() }} {{ 'a,b'.split(',') }}", "abc 1 x True a ['a', 'b']"],
  ["{{ 'a %s b' % ('x',) }}", 'a x b'],
  ["{{ {'a':1}.items() | list }}, {{ {'a':1}.get('b', 5) }}", "[('a', 1)], 5"],
  ['{{ [1,2,3][1:] }}', '[2, 3]'],
  ['{{ None }}|{{ True }}|{{ false }}', 'None|True|False'],
  ["{{ {'a':'b'} }} / {{ ['a',1] }}", "{'a': 'b'} / ['a', 1]"],
  ['{{ 1.0 }} {{ 10/5 }} {{ 7//2 }} {{ 2**3 }}', '1.0 2.0 3 8'],
  ["{{ 'a' ~ 1 ~ none }}", 'a1None'],
  ["{{ '-' * 3 }}", '---'],
  ['{{ 2.5 | round }}', '2.0'],
  ['{% for i in [1,2] %}{{ loop.previtem }}{% endfor %}', '1'],
  ['x\n', 'x'],
];

describe('JINJA-COMPAT rows', () => {
  for (const [template, expected] of ROWS) {
    it(JSON.stringify(template), () => {
      expect(render(template)).toBe(expected);
    });
  }

  it('run_query backed by an async function returns a value to the template', async () => {
    const table = { columns: ['n'], rows: [[1]], toString: () => '<table 1 row>' };
    const out = await renderResumable((state) =>
      render('{% set t = run_query("select 1") %}{{ t.rows[0][0] }} {{ t }}', {
        run_query: (sql: string) => suspendable(state, sql, async () => table),
      }),
    );
    expect(out).toBe('1 <table 1 row>');
  });
});

const COMPAT_MD = fileURLToPath(new URL('../../../../../shared/JINJA-COMPAT.md', import.meta.url));

describe('the table in shared/JINJA-COMPAT.md', () => {
  it.skipIf(!existsSync(COMPAT_MD))('has every row covered above (skipped when ../shared is absent)', () => {
    const rows = readFileSync(COMPAT_MD, 'utf8').split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(20);
    const covered = ROWS.map(([t]) => t).join('\n');
    for (const row of rows) {
      // The first code span of the row's first cell, with the table's `\|` unescaped.
      const first = /^\| `((?:[^`])+)`/.exec(row)![1]!.replace(/\\\|/g, '|');
      if (first.startsWith('{{ run_query')) continue;
      if (first === 'x\\n' || row.includes('a template ending in')) continue;
      expect(covered, `row not covered: ${first}`).toContain(first.replace(/\s+/g, ' ').trim());
    }
  });
});

describe('already works the same', () => {
  const CASES: [string, string, Record<string, unknown>?][] = [
    ['{% macro m() %}[{{ caller() }}]{% endmacro %}{% call m() %}body{% endcall %}', '[body]'],
    ['{% macro m() %}{{ caller(2) }}{% endmacro %}{% call(x) m() %}x={{ x }}{% endcall %}', 'x=2'],
    ['{% set x %}a{{ 1 }}b{% endset %}{{ x }}', 'a1b'],
    ['{% set x -%}\n  a\n{%- endset %}[{{ x }}]', '[a]'],
    ['a  {%- if true -%}  b  {%- endif -%}  c', 'abc'],
    ['a  {#- note -#}  b', 'ab'],
    ["{{ 'a' ~ 'b' }}", 'ab'],
    ["{{ 'a' in 'cat' }} {{ 1 in [1] }} {{ 'k' in {'k': 1} }} {{ 2 not in [1] }}", 'True True True True'],
    ['{% for i in [7,8] %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }};{% endfor %}', '10TrueFalse2;21FalseTrue2;'],
    ['{% for i in [] %}x{% else %}empty{% endfor %}', 'empty'],
    ['{% raw %}{{ not rendered }}{% endraw %}', '{{ not rendered }}'],
    ['{{ none is none }} {{ x is none }}', 'True False'],
    ['{{ x is defined }} {{ y is defined }}', 'True False', { x: 1 }],
    ["{{ 'a' is string }} {{ {} is mapping }} {{ 1 is number }}", 'True True True'],
  ];
  for (const [template, expected, ctx] of CASES) {
    it(JSON.stringify(template), () => {
      expect(render(template, ctx)).toBe(expected);
    });
  }
});

describe('semantics dbt relies on', () => {
  engine.addMacroFile('dbt', 'macros/hash.sql', "{% macro hash(x) %}md5({{ x }}){% endmacro %}{% macro whoami() %}{{ this }}{% endmacro %}");
  engine.addMacroFile('my_pkg', 'macros/pkg.sql', '{% macro cols() %}{{ return(["a", "b"]) }}{% endmacro %}');

  it('return() hands back a non-string value', () => {
    expect(render('{% set c = cols() %}{{ c | length }} {{ c[1] }}')).toBe('2 b');
  });

  it('macros are global and reachable by namespace', () => {
    expect(render("{{ hash('c') }} {{ dbt.hash('c') }} {{ my_pkg.cols() }}")).toBe("md5(c) md5(c) ['a', 'b']");
  });

  it('a macro runs in the calling template\'s context', () => {
    expect(render('{{ whoami() }}', { this: 'db.schema.model_a' })).toBe('db.schema.model_a');
  });

  it('autoescape is off', () => {
    expect(render('{{ x }}', { x: "<a href='y'>&</a>" })).toBe("<a href='y'>&</a>");
  });

  it('undefined variables chain on attribute access and print empty', () => {
    expect(render('[{{ missing }}][{{ missing.attr.deeper }}][{{ missing["k"] }}][{{ constructor }}{{ toString }}]')).toBe('[][][][]');
  });

  it('calling an undefined function fails with TSDBT_UNKNOWN_MACRO', () => {
    expect(() => render('{{ missing.attr() }}')).toThrow(expect.objectContaining({ code: 'TSDBT_UNKNOWN_MACRO' }));
  });

  it('objects whose class defines toString print through it', () => {
    class Relation {
      constructor(readonly name: string) {}
      toString() {
        return `"db"."${this.name}"`;
      }
    }
    expect(render('select * from {{ r }}', { r: new Relation('t') })).toBe('select * from "db"."t"');
  });
});
