import { describe, expect, it } from 'vitest';
import { JinjaEngine } from '../../src/jinja/index.js';

const context = { ref: (n: string) => `"db"."${n}"` };
const model = (i: number) => `select * from {{ ref('m${i}') }}\n{% for c in ['a', 'b'] %}{{ c }}{% endfor %}\n`;

describe('compiled template cache', () => {
  it('exported compiled code reloads into a fresh engine and renders the same', () => {
    const first = new JinjaEngine();
    const outputs = [1, 2, 3].map((i) => first.render({ name: `m${i}.sql`, source: model(i) }, context));
    const saved = JSON.parse(JSON.stringify(first.exportCompiled()));
    // Same-shaped templates share one generated function; their text lives in per-template tables.
    expect(saved.codes).toHaveLength(1);
    expect(Object.keys(saved.entries)).toHaveLength(3);

    const second = new JinjaEngine();
    expect(second.importCompiled(saved)).toBe(true);
    expect([1, 2, 3].map((i) => second.render({ name: `m${i}.sql`, source: model(i) }, context))).toEqual(outputs);
    expect(outputs[0]).toBe('select * from "db"."m1"\nab');
  });

  it('reloaded code still reports errors at the right line', () => {
    const first = new JinjaEngine();
    const source = 'a\nb\n{{ 1 + none }}';
    expect(() => first.render({ name: 'x.sql', source }, {})).toThrow();
    first.render({ name: 'ok.sql', source: 'a\nb\n{{ x + 1 }}' }, { x: 1 });
    const second = new JinjaEngine();
    second.importCompiled(first.exportCompiled());
    try {
      second.render({ name: 'ok.sql', source: 'a\nb\n{{ x + 1 }}', line: 20 }, { x: 'not a number' });
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toMatchObject({ code: 'TSDBT_JINJA_RENDER', diagnostics: [{ file: 'ok.sql', line: 22, column: 4 }] });
    }
  });

  it('rejects a cache from another compiler version', () => {
    const engine = new JinjaEngine();
    expect(engine.importCompiled({ version: 'other', codes: [], entries: {} })).toBe(false);
  });

  it('macro files reload compiled while their text is unchanged, and compile again once it changes', () => {
    const file = '{% macro shout(x) %}{{ x | upper }}!{% endmacro %}\n{% macro twice(x) %}{{ shout(x) }}{{ shout(x) }}{% endmacro %}';
    const first = new JinjaEngine();
    first.addMacroFile('pkg', 'macros/m.sql', file);
    const call = { name: 'model.sql', source: "{{ twice('a') }}" };
    expect(first.render(call, {})).toBe('A!A!');
    const saved = JSON.parse(JSON.stringify(first.exportCompiled()));
    const [entry] = Object.values(saved.macroFiles) as { defs: { name: string; line: number }[]; codes: string[] }[];
    expect(entry!.defs.map((d) => [d.name, d.line])).toEqual([['shout', 1], ['twice', 2]]);

    // What was saved is what runs: a constant changed in the saved tables shows in the output.
    const marked = JSON.parse(JSON.stringify(saved));
    const tables = Object.values(marked.macroFiles)[0] as { consts: unknown[] };
    tables.consts = tables.consts.map((c) => (c === '!' ? '?' : c));
    const second = new JinjaEngine();
    second.importCompiled(marked);
    expect(second.addMacroFile('pkg', 'macros/m.sql', file).map((d) => d.name)).toEqual(['shout', 'twice']);
    expect(second.render(call, {})).toBe('A?A?');
    expect(Object.keys(second.exportCompiled().macroFiles ?? {})).toEqual(Object.keys(saved.macroFiles));

    // Edited text: compiled afresh, and the export keeps only the file as it is now.
    const third = new JinjaEngine();
    third.importCompiled(saved);
    third.addMacroFile('pkg', 'macros/m.sql', file.replace('!', '.'));
    expect(third.render(call, {})).toBe('A.A.');
    expect(Object.keys(third.exportCompiled().macroFiles ?? {})).not.toEqual(Object.keys(saved.macroFiles));
  });
});
