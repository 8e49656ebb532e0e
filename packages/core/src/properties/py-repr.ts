/** Python's repr()/str() of JSON-like values: dbt hashes and names generic tests from these strings. */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloat(v);
  if (typeof v === 'string') return pyStringRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${pyStringRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return String(v);
}

export function pyStr(v: unknown): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

function pyFloat(n: number): string {
  const s = String(n);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

const PLAIN = /^[^'"\\\n\r\t]*$/;

const ESCAPED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', "'": "\\'", '"': '\\"' };
const SPECIAL_SINGLE = /[\\\n\r\t']/g;
const SPECIAL_DOUBLE = /[\\\n\r\t"]/g;
const escape = (ch: string) => ESCAPED[ch]!;

/** Python's repr() of a str: single quotes unless the text has ' and no ", backslash and \n \r \t escaped. */
function pyStringRepr(s: string): string {
  if (PLAIN.test(s)) return `'${s}'`;
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  // One replace, not a string built a character at a time (every test's `model` argument has quotes in it).
  return quote + s.replace(quote === '"' ? SPECIAL_DOUBLE : SPECIAL_SINGLE, escape) + quote;
}
