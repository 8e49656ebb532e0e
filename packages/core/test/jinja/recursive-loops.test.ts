/**
 * Jinja2's recursive for-loops (`{% for x in xs recursive %}` … `{{ loop(x.children) }}`). Every expected string is
 * what Jinja2 3.1 prints for the template, configured as dbt configures it (autoescape off, `do` and loopcontrols).
 */
import { describe, expect, it } from 'vitest';
import { compileTemplate, type CompiledCode } from '../../src/jinja/compile-source.js';
import { builtinFilters } from '../../src/jinja/filters.js';
import { JinjaEngine, renderResumable, suspendable, type SuspendState } from '../../src/jinja/index.js';
import { TemplateShapes } from '../../src/jinja/template-shapes.js';
import { builtinTests } from '../../src/jinja/tests.js';
import { failure, makeRender } from './render-helper.js';

const { render } = makeRender();

const SITEMAP = [
  { title: 'Home', children: [{ title: 'About' }, { title: 'Team', children: [{ title: 'Ann' }] }] },
  { title: 'Contact' },
];
/** a(b, c(d)), e: a small tree as `n` (name) and `c` (children). */
const TREE = [{ n: 'a', c: [{ n: 'b' }, { n: 'c', c: [{ n: 'd' }] }] }, { n: 'e' }];

describe('recursive for-loops render as Jinja2 renders them', () => {
  it("the documentation's sitemap, whitespace control included", () => {
    const source = `<ul>
{%- for item in sitemap recursive %}
  <li>{{ item.title }}{%- if item.children -%}<ul>{{ loop(item.children) }}</ul>{%- endif %}</li>
{%- endfor %}
</ul>
`;
    expect(render(source, { sitemap: SITEMAP })).toBe(
      '<ul>\n  <li>Home<ul>\n  <li>About</li>\n  <li>Team<ul>\n  <li>Ann</li></ul></li></ul></li>\n  <li>Contact</li>\n</ul>',
    );
  });

  it('loop.depth / depth0 follow the recursion; index, length, first, last, revindex are per level', () => {
    const source =
      '{% for x in t recursive %}[{{ loop.depth }}/{{ loop.depth0 }} {{ x.n }} i{{ loop.index }} l{{ loop.length }} ' +
      'f{{ loop.first }} la{{ loop.last }} r{{ loop.revindex }}{{ loop(x.c) if x.c }}]{% endfor %}';
    expect(render(source, { t: TREE })).toBe(
      '[1/0 a i1 l2 fTrue laFalse r2[2/1 b i1 l2 fTrue laFalse r2][2/1 c i2 l2 fFalse laTrue r1[3/2 d i1 l1 fTrue laTrue r1]]]' +
        '[1/0 e i2 l2 fFalse laTrue r1]',
    );
  });

  it('cycle, previtem / nextitem and changed are per level', () => {
    const t = [
      { n: 'a', g: 1, c: [{ n: 'b', g: 1 }, { n: 'c', g: 1 }, { n: 'd', g: 2 }] },
      { n: 'e', g: 1 },
      { n: 'f', g: 2 },
    ];
    const source =
      "{% for x in t recursive %}{{ loop.cycle('o','e') }}{{ x.n }}{% if loop.previtem %}p{{ loop.previtem.n }}{% endif %}" +
      '{% if loop.nextitem %}n{{ loop.nextitem.n }}{% endif %}{% if loop.changed(x.g) %}!{% endif %}({{ loop(x.c) if x.c }});{% endfor %}';
    expect(render(source, { t })).toBe('oane!(obnc!();ecpbnd();odpc!(););eepanf();ofpe!();');
  });

  it('the loop filter applies at every level, and length counts what it kept', () => {
    const t = [
      { n: 'a', ok: true, c: [{ n: 'b', ok: false }, { n: 'c', ok: true }] },
      { n: 'z', ok: false },
      { n: 'e', ok: true },
    ];
    expect(render('{% for x in t if x.ok recursive %}{{ x.n }}({{ loop.index }}/{{ loop.length }}){{ loop(x.c or []) }}{% endfor %}', { t })).toBe(
      'a(1/2)c(1/1)e(2/2)',
    );
  });

  it('unpacks tuples: for k, v in d.items() recursive', () => {
    const source = '{% for k, v in d.items() recursive %}{{ k }}{% if v is mapping %}{ {{- loop(v.items()) -}} }{% else %}={{ v }}{% endif %};{% endfor %}';
    expect(render(source, { d: { a: { b: 1, c: { d: 2 } }, e: 3 } })).toBe('a{b=1;c{d=2;};};e=3;');
    // The parenthesised targets Jinja also takes.
    expect(render("{% for (k, v) in {'a': 1, 'b': 2}.items() if v > 1 recursive %}{{ k }}={{ v }};{% endfor %}")).toBe('b=2;');
    expect(render('{% for (k) in [1, 2] %}{{ k }}{% endfor %}')).toBe('12');
  });

  it('else runs at each level whose iterable is empty', () => {
    const t = [{ n: 'a', c: [{ n: 'b', c: [] }] }, { n: 'e', c: [] }];
    expect(render("{% for x in t recursive %}<{{ x.n }}:{{ loop(x.c) }}>{% else %}empty{{ loop.depth if loop is defined else 'u' }}{% endfor %}", { t })).toBe(
      '<a:<b:emptyu>><e:emptyu>',
    );
    expect(render('{% for x in t recursive %}{{ x }}{% else %}none{% endfor %}', { t: [] })).toBe('none');
    expect(render('{% for a in [1,2] %}{% for x in t recursive %}{{ x.n }}{{ loop(x.c) }}{% else %}-{% endfor %};{% endfor %}', { t: [{ n: 'a', c: [] }] })).toBe(
      'a-;a-;',
    );
  });

  it('loop(...) returns its output as a string, inserted as is (never escaped)', () => {
    expect(render('{% for x in t recursive %}{% set r = loop(x.c) if x.c else "" %}{{ r | length }}{{ x.n }}{% endfor %}', { t: [{ n: 'a', c: [{ n: 'bb' }] }] })).toBe('3a');
    expect(render('{% for x in t recursive %}{{ loop(x.c) | length if x.c else x.n }}{% endfor %}', { t: [{ n: 'a', c: [{ n: 'bb' }, { n: 'ccc' }] }] })).toBe('5');
    expect(render('{% for x in t recursive %}{{ x }}{{ loop([]) }}{% endfor %}', { t: ['<a>'] })).toBe('<a>');
    expect(render('{% for x in t recursive %}{{ x.n }}{{ loop(iterable=x.c) if x.c }}{% endfor %}', { t: [{ n: 'a', c: [{ n: 'b' }] }] })).toBe('ab');
  });

  it('a nested plain loop has its own loop (depth 1); the outer one is reached through a variable', () => {
    const source = '{% for x in t recursive %}{{ x.n }}{% for y in [1,2] %}{{ loop.depth }}{% endfor %}{% set outer = loop %}{{ outer(x.c) if x.c }}{% endfor %}';
    expect(render(source, { t: [{ n: 'a', c: [{ n: 'b' }] }] })).toBe('a11b11');
    expect(render('{% for a in [1,2] %}{% for x in t recursive %}{{ a }}{{ x.n }}{{ loop.depth }}{{ loop(x.c) if x.c }}{% endfor %}{% endfor %}', { t: [{ n: 'a', c: [{ n: 'b' }] }] })).toBe(
      '1a11b22a12b2',
    );
  });

  it('break and continue leave or skip items of their own level only', () => {
    const t = [{ n: 'a', c: [{ n: 'b' }, { n: 'c' }, { n: 'd' }] }, { n: 'e' }];
    expect(render("{% for x in t recursive %}{% if x.n == 'c' %}{% break %}{% endif %}{{ x.n }}{{ loop(x.c) if x.c }}{% endfor %}", { t })).toBe('abe');
    const skips = [{ n: 'a', c: [{ n: 'b', skip: true }, { n: 'c' }] }, { n: 'd', skip: true }, { n: 'e' }];
    expect(render("{% for x in t recursive %}{% if x.skip %}{% continue %}{% endif %}{{ x.n }}{{ '(' ~ loop(x.c) ~ ')' if x.c }}{% endfor %}", { t: skips })).toBe('a(c)e');
  });

  it('prints loop as Jinja does', () => {
    expect(render('{% for x in t recursive %}{{ loop }}{% endfor %}', { t: [1] })).toBe('<LoopContext 1/1>');
  });
});

describe('scoping (Jinja2): each level and each iteration starts from the scope around the loop', () => {
  it('variables set outside are visible at every level; a set inside is not seen by deeper levels or later items', () => {
    const source = "{% set p = '>' %}{% for x in t recursive %}{{ p }}{{ x.n }}{% set p = '#' %}{{ p }}{{ loop(x.c) if x.c }}{% endfor %}{{ p }}";
    expect(render(source, { t: [{ n: 'a', c: [{ n: 'b' }] }, { n: 'c' }] })).toBe('>a#>b#>c#>');
    expect(render("{% for x in t recursive %}{{ v | default('-') }}{% set v = x.n %}{{ loop(x.c) if x.c }}{% endfor %}", { t: [{ n: 'a', c: [{ n: 'b' }] }] })).toBe('--');
  });

  it('a namespace or a list defined outside collects from every level', () => {
    const ns = '{% set ns = namespace(n=0) %}{% for x in t recursive %}{% set ns.n = ns.n + 1 %}{{ loop(x.c) if x.c }}{% endfor %}{{ ns.n }}';
    expect(render(ns, { t: TREE })).toBe('5');
    const list = '{% set names = [] %}{% for x in t recursive %}{% do names.append(x.n ~ loop.depth) %}{{ loop(x.c) if x.c }}{% endfor %}{{ names | join(",") }}';
    expect(render(list, { t: TREE })).toBe('a1,b2,c2,d3,e1');
  });

  it('plain loops too: a set in one iteration is not seen by the next', () => {
    expect(render("{% for x in [1,2,3] %}{{ q | default('-') }}{% set q = x %}{{ q }}{% endfor %}{{ q | default('!') }}")).toBe('-1-2-3!');
    expect(render('{% set q = 0 %}{% for x in [1,2] %}{% if true %}{% set q = q + x %}{% endif %}{{ q }}{% endfor %}{{ q }}')).toBe('120');
  });
});

describe('recursive loops and macros', () => {
  const FILE = `{% macro tree(nodes, sep='/') %}{% for n in nodes recursive %}{{ sep if not loop.first }}{{ n.name }}{% if n.kids %}[{{ loop(n.kids) }}]{% endif %}{% endfor %}{% endmacro %}
{% macro wrap(d) %}<{{ caller(d) }}>{% endmacro %}
{% macro leaves(nodes) %}{% set out = [] %}{% for n in nodes recursive %}{% if n.kids %}{{ loop(n.kids) }}{% else %}{% do out.append(n.name) %}{% endif %}{% endfor %}{{ return(out) }}{% endmacro %}`;
  const { engine, render: renderWith } = makeRender();
  engine.addMacroFile('proj', 'macros/tree.sql', FILE);
  const t = [{ name: 'a', kids: [{ name: 'b' }, { name: 'c', kids: [{ name: 'd' }] }] }, { name: 'e' }];

  it('a recursive loop inside a macro body (file macros and inline ones)', () => {
    expect(renderWith("{{ tree(t) }} {{ tree(t, sep=',') }} {{ tree([]) }}|", { t })).toBe('a[b/c[d]]/e a[b,c[d]],e |');
    const inline = "{% macro tree2(t) %}{% for x in t recursive %}{{ x.n }}{{ '(' ~ loop(x.c) ~ ')' if x.c }}{% endfor %}{% endmacro %}{{ tree2(t) }}|{{ tree2([]) }}";
    expect(renderWith(inline, { t: [{ n: 'a', c: [{ n: 'b' }] }, { n: 'c' }] })).toBe('a(b)c|');
    expect(renderWith('{{ leaves(t) }}', { t })).toBe("['b', 'd', 'e']");
  });

  it('macros and call blocks inside a recursive loop body', () => {
    expect(renderWith('{% for n in t recursive %}{% call(d) wrap(loop.depth) %}{{ n.name }}{{ d }}{% endcall %}{{ loop(n.kids) if n.kids }}{% endfor %}', { t })).toBe(
      '<a1><b2><c2><d3><e1>',
    );
    const inline = '{% macro m(x, d) %}<{{ x.n }}@{{ d }}>{% endmacro %}{% for x in t recursive %}{{ m(x, loop.depth) }}{{ loop(x.c) if x.c }}{% endfor %}';
    expect(renderWith(inline, { t: [{ n: 'a', c: [{ n: 'b' }] }, { n: 'c' }] })).toBe('<a@1><b@2><c@1>');
  });
});

describe('errors', () => {
  it('loop(...) in a loop not marked recursive: TypeError as Jinja2 raises it, at the call, with a hint', () => {
    const e = failure(() => render('select\n{% for x in [1] %}\n  {{ loop([2]) }}\n{% endfor %}', {}, 'models/m.sql'));
    expect(e.code).toBe('TSDBT_JINJA_RENDER');
    expect(e.message).toBe("The loop must have the 'recursive' marker to be called recursively.");
    expect(e.cause).toBeInstanceOf(TypeError);
    expect(e.diagnostics[0]).toMatchObject({ file: 'models/m.sql', line: 3, column: 6 });
    expect(e.diagnostics[0]!.hint).toMatch(/recursive %\}/);
  });

  it('loop() needs exactly one iterable', () => {
    const e = failure(() => render('{% for x in t recursive %}{{ loop() }}{% endfor %}', { t: [1] }));
    expect(e).toMatchObject({ code: 'TSDBT_JINJA_RENDER', message: "loop() missing 1 required positional argument: 'iterable'" });
    expect(e.cause).toBeInstanceOf(TypeError);
    expect(failure(() => render('{% for x in t recursive %}{{ loop([1], [2]) }}{% endfor %}', { t: [1] })).message).toMatch(/takes 1 positional argument but 2 were given/);
  });

  it('`recursive` anywhere but last in the for tag is a syntax error at that place', () => {
    const late = failure(() => render('a\n{% for x in t recursive if x %}{{ x }}{% endfor %}', { t: [1] }, 'models/m.sql'));
    expect(late.code).toBe('TSDBT_JINJA_SYNTAX');
    expect(late.message).toMatch(/after 'recursive', got 'if'/);
    expect(late.diagnostics[0]).toMatchObject({ file: 'models/m.sql', line: 2, column: 25 });
    expect(late.diagnostics[0]!.hint).toMatch(/recursive/);
    const early = failure(() => render('{% for x recursive in t %}{% endfor %}', { t: [1] }));
    expect(early.code).toBe('TSDBT_JINJA_SYNTAX');
    expect(early.message).toMatch(/expected 'in' after the loop variable, got 'recursive'/);
    expect(early.diagnostics[0]).toMatchObject({ line: 1, column: 10 });
  });

  it('an error deep in the recursion points at its own line', () => {
    const source = '{% for x in t recursive %}\n{{ loop(x.c) if x.c }}\n{{ x.n + 1 }}\n{% endfor %}';
    const e = failure(() => render(source, { t: [{ n: 1, c: [{ n: 'oops' }] }] }, 'models/m.sql'));
    expect(e.code).toBe('TSDBT_JINJA_RENDER');
    expect(e.diagnostics[0]).toMatchObject({ file: 'models/m.sql', line: 3 });
  });

  it('break in the else of a recursive loop has no loop to leave: a syntax error, not broken code', () => {
    const e = failure(() => render('{% for a in [1] %}{% for x in t recursive %}{% else %}{% break %}{% endfor %}{% endfor %}', { t: [] }));
    expect(e.code).toBe('TSDBT_JINJA_SYNTAX');
    expect(e.message).toMatch(/'break' outside a loop/);
  });
});

describe('recursive loops through every path a template takes', () => {
  const tables = { filters: builtinFilters, tests: builtinTests };
  const full = (source: string) => compileTemplate(source, tables, { file: 'x.sql', lineOffset: 0 });
  const spelled = (c: CompiledCode) => c.code.replace(/K\[(\d+)\]/g, (_, i: string) => JSON.stringify(c.consts[Number(i)]));

  it('template shapes: recursive templates share a shape among themselves, never with the plain loop', () => {
    const t = (text: string, rec: string) => `-- ${text}\n{% for x in t ${rec}%}{{ x.n }}{{ loop.depth }}{% endfor %}`;
    const shapes = new TemplateShapes();
    const sources = [t('one', 'recursive '), t('two', 'recursive '), t('three', ''), t('four', 'recursive '), t('five', '')];
    for (const s of sources) expect(spelled(shapes.compile(s, full)), s).toBe(spelled(full(s)));
    expect(shapes.hits).toBeGreaterThan(0);

    const engine = new JinjaEngine();
    const out = (rec: string, text: string) => engine.render({ name: 'm.sql', source: `${text}{% for x in t ${rec}%}{{ x.n }}{{ loop(x.c) if x.c }}{% endfor %}` }, { t: TREE });
    expect(out('recursive ', 'a')).toBe('aabcde');
    expect(out('recursive ', 'b')).toBe('babcde');
    expect(() => out('', 'c')).toThrow(/recursive' marker/);
    expect(out('recursive ', 'd')).toBe('dabcde');
  });

  it('compiled-template cache: saved code reloads and renders the same', () => {
    const source = '{% for x in t if x.n != "e" recursive %}{{ x.n }}{{ loop.depth }}{{ "(" ~ loop(x.c) ~ ")" if x.c }}{% endfor %}';
    const first = new JinjaEngine();
    const before = first.render({ name: 'm.sql', source }, { t: TREE });
    expect(before).toBe('a1(b2c2(d3))');
    const saved = JSON.parse(JSON.stringify(first.exportCompiled()));
    const second = new JinjaEngine();
    expect(second.importCompiled(saved)).toBe(true);
    expect(second.render({ name: 'm.sql', source }, { t: TREE })).toBe(before);
  });

  it('resumable rendering: a query made at every level is answered and replayed', async () => {
    const engine = new JinjaEngine();
    const calls: string[] = [];
    const context = (state: SuspendState) => ({
      t: TREE,
      run_query: (sql: string) =>
        suspendable(state, sql, async () => {
          calls.push(sql);
          await new Promise((r) => setImmediate(r));
          return sql.length;
        }),
    });
    const source = "{% for x in t recursive %}{{ x.n }}={{ run_query('select ' ~ x.n ~ loop.depth) }}{{ loop(x.c) if x.c }};{% endfor %}";
    const out = await renderResumable((state) => engine.render({ name: 'm.sql', source }, context(state)));
    expect(out).toBe('a=9b=9;c=9d=9;;;e=9;');
    expect(calls).toEqual(['select a1', 'select b2', 'select c2', 'select d3', 'select e1']);
  });
});
