import { describe, expect, it } from 'vitest';
import { failure } from './render-helper.js';
import { JinjaEngine } from '../../src/jinja/index.js';

const engine = new JinjaEngine();
engine.addMacroFile('proj', 'macros/bad.sql', '\n\n{% macro boom() %}\n  {{ 1 / 0 }}\n{% endmacro %}');
const render = (source: string, line?: number, context: Record<string, unknown> = {}) => () => engine.render({ name: 'models/m.sql', source, line }, context);

describe('errors are coded, positioned in the file, with a hint', () => {
  it('unknown tag → TSDBT_JINJA_SYNTAX at its line and column', () => {
    const e = failure(render('select 1\nfrom x\n  {% frobnicate %}'));
    expect(e.code).toBe('TSDBT_JINJA_SYNTAX');
    expect(e.diagnostics[0]).toMatchObject({ file: 'models/m.sql', line: 3, column: 6 });
    expect(e.message).toMatch(/unknown block tag: frobnicate/);
    expect(e.diagnostics[0]!.hint).toBeTruthy();
  });

  it('unclosed block → TSDBT_JINJA_SYNTAX', () => {
    const e = failure(render('{% if x %}\nopen'));
    expect(e.code).toBe('TSDBT_JINJA_SYNTAX');
    expect(e.diagnostics[0]!.file).toBe('models/m.sql');
  });

  it('a block cut from a file reports lines of the file (TemplateSource.line)', () => {
    const e = failure(render('a\n{{ (1 }}', 10));
    expect(e.code).toBe('TSDBT_JINJA_SYNTAX');
    expect(e.diagnostics[0]!.line).toBe(11);
  });

  it('runtime error → TSDBT_JINJA_RENDER at the expression, keeping the cause', () => {
    const e = failure(render('line1\n  {{ [1] + none }}', 5));
    expect(e.code).toBe('TSDBT_JINJA_RENDER');
    expect(e.diagnostics[0]).toMatchObject({ file: 'models/m.sql', line: 6, column: 6 });
    expect(e.cause).toBeInstanceOf(Error);
    expect(e.message).toMatch(/unsupported operand/);
  });

  it('unknown function → TSDBT_UNKNOWN_MACRO naming it, with a suggestion', () => {
    const e = failure(render('\n  {{ boomm() }}'));
    expect(e.code).toBe('TSDBT_UNKNOWN_MACRO');
    expect(e.message).toMatch(/'boomm' is undefined/);
    expect(e.diagnostics[0]).toMatchObject({ line: 2, column: 6 });
    expect(e.diagnostics[0]!.hint).toMatch(/boom/);
  });

  it('unknown filter → TSDBT_UNKNOWN_FILTER at compile time', () => {
    const e = failure(render("{% if false %}{{ 'a' | shout }}{% endif %}"));
    expect(e.code).toBe('TSDBT_UNKNOWN_FILTER');
    expect(e.message).toMatch(/shout/);
    expect(e.diagnostics[0]).toMatchObject({ line: 1, column: 24 });
  });

  it('an error inside a macro names the macro file and line', () => {
    const e = failure(render('{{ boom() }}'));
    expect(e.code).toBe('TSDBT_JINJA_RENDER');
    expect(e.diagnostics[0]).toMatchObject({ file: 'macros/bad.sql', line: 4 });
  });

  it('a syntax error in a macro file is reported when the file is added', () => {
    const e = failure(() => engine.addMacroFile('proj', 'macros/broken.sql', '{% macro m() %}\n{% for x in %}{% endfor %}\n{% endmacro %}'));
    expect(e.code).toBe('TSDBT_JINJA_SYNTAX');
    expect(e.diagnostics[0]).toMatchObject({ file: 'macros/broken.sql', line: 2 });
  });

  it('two macros of one name in one package → TSDBT_DUPLICATE_MACRO', () => {
    const e = failure(() => engine.addMacroFile('proj', 'macros/dup.sql', '{% macro boom() %}{% endmacro %}'));
    expect(e.code).toBe('TSDBT_DUPLICATE_MACRO');
    expect(e.diagnostics[0]!.hint).toMatch(/macros\/bad\.sql/);
  });

  it('exceptions.raise_compiler_error → a coded error at the template line', () => {
    const e = failure(render("\n\n{{ exceptions.raise_compiler_error('bad config: ' ~ 1) }}"));
    expect(e.code).toBe('TSDBT_COMPILER_ERROR');
    expect(e.message).toBe('bad config: 1');
    expect(e.diagnostics[0]).toMatchObject({ file: 'models/m.sql', line: 3 });
  });

  it('a coded error thrown by a context function gets the template location', async () => {
    const { TsdbtError } = await import('../../src/diagnostics/diagnostic.js');
    const ref = () => {
      throw new TsdbtError('TSDBT_REF_NOT_FOUND', "ref 'x' not found");
    };
    const e = failure(render('select\n  * from {{ ref("x") }}', undefined, { ref }));
    expect(e.code).toBe('TSDBT_REF_NOT_FOUND');
    expect(e.diagnostics[0]).toMatchObject({ file: 'models/m.sql', line: 2, column: 13 });
  });

  it('{% break %} outside a loop, assigning to a non-namespace, include → errors', () => {
    expect(failure(render('{% break %}')).code).toBe('TSDBT_JINJA_SYNTAX');
    expect(failure(render('{% set d = {} %}{% set d.x = 1 %}')).code).toBe('TSDBT_JINJA_RENDER');
    expect(failure(render("{% include 'x.sql' %}")).code).toBe('TSDBT_JINJA_SYNTAX');
  });

  it('callMacro of an unknown macro → TSDBT_UNKNOWN_MACRO', () => {
    expect(failure(() => engine.callMacro('nope', 'x')).code).toBe('TSDBT_UNKNOWN_MACRO');
  });
});
