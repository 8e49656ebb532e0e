// `CAST(x * 10^k AS int)` of a DECIMAL(p,k) (ingest's split decimals, select-plan.ts): the int is the decimal's own
// stored integer. DuckDB stores the stand-in's money and wide decimals as 128-bit integers, and its multiply and
// cast cost ~0.8 s per million values where SQL Server's are trivial, so the stand-in reads the decimal and writes
// its stored integer as the int itself: the same INTN bytes SQL Server sends, or its overflow error.
const NAME = String.raw`\[(?:[^\]]|\]\])*\]|"(?:[^"]|"")*"|[A-Za-z_]\w*`;
const SCALED_INT = new RegExp(String.raw`(\bTHEN\s+)?CAST\(\s*(${NAME})\s*\*\s*1(0{0,18})\s+AS\s+int\s*\)(\s+END)?(\s+AS\s+)(${NAME})`, 'gi');

const unquote = (name) => (/^[["]/.test(name) ? name.slice(1, -1).replace(/\]\]|""/g, (m) => m[0]) : name);

/**
 * Finds `[THEN] CAST(x * 10^k AS int) [END] AS alias` and returns the statement with the multiply and cast taken out,
 * plus the wire type of each such result column by lower-cased name: `{ name: 'int', scaledBy: k }`.
 */
export function scaledIntCasts(tsql) {
  const columns = new Map();
  const text = tsql.replace(SCALED_INT, (whole, then, source, zeros, end, as, alias) => {
    if (Boolean(then) !== Boolean(end)) return whole;
    columns.set(unquote(alias).toLowerCase(), { name: 'int', scaledBy: zeros.length });
    return `${then ?? ''}${source}${end ?? ''}${as}${alias}`;
  });
  return { text, columns };
}

/** SQL Server's error for a value × 10^k beyond an int. */
export const overflow = () => Object.assign(new Error('Arithmetic overflow error converting expression to data type int.'), { number: 8115 });

/**
 * INTN(4) from a DECIMAL vector of scale k (`stride` bytes per stored integer, little-endian two's complement):
 * the low four bytes, once the rest is their sign extension.
 */
export function scaledIntWriter({ bytes, view, valid }, stride) {
  return (w, i) => {
    w.ensure(5);
    if (!valid(i)) { w.buf[w.pos++] = 0; return; }
    const at = i * stride;
    const value = stride === 2 ? view.getInt16(at, true) : view.getInt32(at, true);
    const fill = value < 0 ? 0xff : 0;
    for (let k = 4; k < stride; k++) if (bytes[at + k] !== fill) throw overflow();
    w.buf[w.pos++] = 4;
    w.buf.writeInt32LE(value, w.pos);
    w.pos += 4;
  };
}
