import { describe, expect, it } from 'vitest';
import { FastTokenizer } from '../../src/jinja/fast-lexer.js';
import { FlatTokens } from '../../src/jinja/flat-tokens.js';
import type { Token } from '../../src/jinja/nunjucks-internals.js';

function tokens(source: string): Token[] {
  const lexer = new FastTokenizer(source);
  const out: Token[] = [];
  for (let t = lexer.nextToken(); t; t = lexer.nextToken()) out.push(t);
  return out;
}

const brief = (source: string) => tokens(source).map((t) => `${t.type}:${t.value as string}@${t.lineno}.${t.colno}`);

describe('fast lexer', () => {
  it('reads numbers, operators, words and tag ends with their positions', () => {
    expect(brief('a {{ 1.5e3 + 2E+2 - 1e3 // 7 ** x === y !== z }}\n{%- if 3 -%}')).toEqual([
      'data:a @0.0', 'variable-start:{{@0.2', 'float:1.5e3@0.5', 'operator:+@0.11', 'float:2E+2@0.13', 'operator:-@0.18',
      'float:1e3@0.20', 'operator://@0.24', 'int:7@0.27', 'operator:**@0.29', 'symbol:x@0.32', 'operator:===@0.34',
      'symbol:y@0.38', 'operator:!==@0.40', 'symbol:z@0.44', 'variable-end:}}@0.46', 'data:\n@0.48', 'block-start:{%-@1.0',
      'symbol:if@1.4', 'int:3@1.7', 'block-end:-%}@1.9',
    ]);
  });

  it('reads string escapes, dicts inside {{ }}, booleans, none and comments', () => {
    expect(brief(`{{ {'a': "x\\"y\\n"} }}{# c #}{{ true, none, null, 1. }}`)).toEqual([
      'variable-start:{{@0.0', 'left-curly:{@0.3', 'string:a@0.4', 'colon::@0.7', 'string:x"y\n@0.9', 'right-curly:}@0.17',
      'variable-end:}}@0.19', 'comment:{# c #}@0.21', 'variable-start:{{@0.28', 'boolean:true@0.31', 'comma:,@0.35',
      'none:none@0.37', 'comma:,@0.41', 'none:null@0.43', 'comma:,@0.47', 'float:1.@0.49', 'variable-end:}}@0.52',
    ]);
  });

  it('fails on an unclosed comment', () => {
    expect(() => tokens('x {# y')).toThrow('expected end of comment');
  });
});

describe('flat tokens', () => {
  const source = `{{ ref('m\\'1') }} and {% set d = {"k": 2.5} %}\n  {{ d['k'] | round }}`;

  it('gives the same tokens as the lexer, values compared without cutting them out', () => {
    const flat = new FlatTokens();
    expect(flat.lex(source)).toBe(true);
    const lexed = flat.toLexed();
    expect(lexed.tokens).toEqual(tokens(source));
    expect(flat.count).toBe(lexed.tokens.length);
    lexed.tokens.forEach((t, i) => {
      expect(flat.value(i)).toBe(t.value);
      expect(flat.valueIs(i, t.value as string)).toBe(true);
      expect(flat.valueIs(i, `${t.value as string}x`)).toBe(false);
    });
    expect(flat.value(3)).toBe("m'1");
  });

  it('reuses its arrays across templates, growing them for long ones', () => {
    const flat = new FlatTokens();
    const long = Array.from({ length: 400 }, (_, i) => `{{ x${i} }}`).join(' ');
    expect(flat.lex(long)).toBe(true);
    expect(flat.count).toBe(1599);
    expect(flat.toLexed().tokens).toEqual(tokens(long));
    expect(flat.lex(source)).toBe(true);
    expect(flat.toLexed().tokens).toEqual(tokens(source));
    expect(flat.lex('{# open')).toBe(false);
  });
});
