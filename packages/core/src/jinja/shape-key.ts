/**
 * What makes two templates share a shape: the same token types, the same values for the tokens that are not masked
 * (masked: text between tags, and string literals whose value goes to a side table), and for masked text the same
 * class (blank, leading/trailing space: whitespace control makes it part of the code).
 */
import type { FlatTokens, TokenView } from './flat-tokens.js';
import { TT } from './token-types.js';

/** Blocks the parser reads as raw text, past the tokens: such templates always compile in full. */
const RAW_BLOCKS = ['raw', 'endraw', 'verbatim', 'endverbatim', 'materialization', 'docs', 'snapshot'];

/** What a template's tokens must be to share a shape: the types, and the values of the tokens not masked. */
export interface ShapeTokens {
  types: Uint8Array;
  mask: Uint8Array;
  /** Per unmasked token, its value. */
  values: (string | undefined)[];
  /** Per masked text token, its class (blank, edges): whitespace control makes them part of the code. */
  classes: Uint8Array;
}

/** String literals whose value shapes the code or the parse (dict keys, test names, `x['a']`, 'a' 'b') are not masked. */
function masked(t: TokenView, i: number): boolean {
  const type = t.type(i);
  if (type === TT.DATA) return true;
  if (type !== TT.STRING) return false;
  const next = i + 1 < t.count ? t.type(i + 1) : -1;
  if (next === TT.COLON || next === TT.STRING) return false;
  const prev = i > 0 ? t.type(i - 1) : -1;
  if (prev === TT.LEFT_BRACKET || prev === TT.STRING || (prev === TT.SYMBOL && (t.valueIs(i - 1, 'is') || t.valueIs(i - 1, 'not')))) return false;
  return true;
}

function isRawBlock(t: TokenView, i: number): boolean {
  if (t.type(i) !== TT.SYMBOL) return false;
  for (const r of RAW_BLOCKS) if (t.valueIs(i, r)) return true;
  return false;
}

/**
 * Fills `t.mask` and returns the map key of the template's shape: a hash of every token's type and unmasked value
 * and of the masked text tokens' classes (templates that share the key are compared token by token: see `fits`).
 * Undefined: the template has a raw-text block and never shares a shape.
 */
export function shapeKey(t: FlatTokens): string | undefined {
  // Two 32-bit multiplicative hashes, kept in int32 all along (no heap numbers).
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x2545f491;
  const s = t.source;
  for (let i = 0; i < t.count; i++) {
    const type = t.types[i]!;
    const m = masked(t, i);
    t.mask[i] = m ? 1 : 0;
    let v = type << 8;
    if (m) v |= type === TT.DATA ? t.dataClass(i) : 0x80;
    h1 = Math.imul(h1 ^ v, 0x01000193);
    h2 = Math.imul(h2 ^ v, 0x5bd1e995);
    if (m) continue;
    if (isRawBlock(t, i)) return undefined;
    // A string literal with escapes hashes its value; any other token its span of the source.
    const escaped = type === TT.STRING && t.strEnds[i]! < 0;
    const str = escaped ? t.value(i) : s;
    const from = escaped ? 0 : t.starts[i]! + (type === TT.STRING ? 1 : 0);
    const to = escaped ? str.length : type === TT.STRING ? t.strEnds[i]! : t.ends[i]!;
    for (let k = from; k < to; k++) {
      const c = str.charCodeAt(k);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ 0xffff, 0x01000193);
  }
  return `${t.count}:${h1 >>> 0}:${h2 >>> 0}`;
}

/** The first template's tokens as its shape keeps them; undefined when it has a raw-text block. */
export function shapeTokens(t: TokenView): ShapeTokens | undefined {
  const n = t.count;
  const out: ShapeTokens = { types: new Uint8Array(n), mask: new Uint8Array(n), values: new Array(n), classes: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    out.types[i] = t.type(i);
    if (masked(t, i)) {
      out.mask[i] = 1;
      if (t.type(i) === TT.DATA) out.classes[i] = t.dataClass(i);
    } else {
      if (isRawBlock(t, i)) return undefined;
      out.values[i] = t.value(i);
    }
  }
  return out;
}

/** Whether a template's tokens (shapeKey filled its mask) are of the shape. */
export function fits(shape: ShapeTokens, t: FlatTokens): boolean {
  if (t.count !== shape.types.length) return false;
  for (let i = 0; i < t.count; i++) {
    if (t.types[i] !== shape.types[i] || t.mask[i] !== shape.mask[i]) return false;
    if (!shape.mask[i]) {
      if (!t.valueIs(i, shape.values[i]!)) return false;
    } else if (shape.types[i] === TT.DATA && t.dataClass(i) !== shape.classes[i]) return false;
  }
  return true;
}
