// `create [or replace] table t clone s` (dbt-snowflake's create_or_replace_clone). DuckDB has no zero-copy clone:
// the stand-in copies the rows, `create … table t as select * from s`, so a clone here costs a full copy.
import { tok, isWord, readName } from './token-list.mjs';
import { SfError } from './sf-error.mjs';

/** Index of the CLONE word of a `create … table <name> clone <name>`, or -1. */
function cloneAt(toks) {
  if (!isWord(toks[0], 'CREATE')) return -1;
  const table = toks.findIndex((t) => isWord(t, 'TABLE'));
  if (table < 0 || toks.slice(0, table).some((t) => !isWord(t))) return -1;
  let i = table + 1;
  if (isWord(toks[i], 'IF')) i += 3;
  const { next } = readName(toks, i);
  return isWord(toks[next], 'CLONE') ? next : -1;
}

/** The table clone as a DuckDB copy; time travel (`at (…)`, `before (…)`) is not emulated. */
export function rewriteClone(toks) {
  const at = cloneAt(toks);
  if (at < 0) return toks;
  const source = toks.slice(at + 1);
  if (source.some((t) => isWord(t, 'AT', 'BEFORE'))) throw new SfError('001003', 'CLONE with time travel (AT/BEFORE) is not emulated by the stand-in', '42000');
  return [...toks.slice(0, at), tok('AS'), tok('SELECT'), tok('*'), tok('FROM'), ...source];
}
