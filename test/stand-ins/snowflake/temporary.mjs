// Snowflake's temporary tables and views belong to the session that created them: no other session sees them, and
// they go when it ends. Here each lives in the temp catalog of the session's own DuckDB connection (DuckDB keeps
// that catalog per connection), under its fully qualified Snowflake name; the session's statements that name it are
// pointed there, so it shadows a permanent object of the same name, as on Snowflake.
import { isWord, isPunct, readName, tok } from './token-list.mjs';

const duckName = (db, schema, name) => `"temp"."main"."${`${db}.${schema}.${name}`.replace(/"/g, '""')}"`;

/** `CREATE [OR REPLACE] [LOCAL|GLOBAL] TEMP[ORARY] TABLE|VIEW [IF NOT EXISTS] <name>`: its kind and name index. */
function createdTemporary(toks) {
  if (!isWord(toks[0], 'CREATE')) return undefined;
  const at = toks.findIndex((t, i) => i < 8 && isWord(t, 'TABLE', 'VIEW'));
  if (at < 0 || !toks.slice(1, at).some((t) => isWord(t, 'TEMPORARY', 'TEMP'))) return undefined;
  return { kind: toks[at].text.toUpperCase(), at: isWord(toks[at + 1], 'IF') ? at + 4 : at + 1 };
}

/** `DROP TABLE|VIEW [IF EXISTS] <name>`: the name's index. */
function dropped(toks) {
  if (!isWord(toks[0], 'DROP') || !isWord(toks[1], 'TABLE', 'VIEW')) return undefined;
  return isWord(toks[2], 'IF') ? 4 : 2;
}

export class TemporaryObjects {
  /** @param {{ qualify(parts: string[]): string, database?: string, schema?: string }} session */
  constructor(session) {
    this.session = session;
    /** Qualified Snowflake name (`"DB"."S"."N"`) → { db, schema, name, kind }. */
    this.objects = new Map();
  }

  key(parts) {
    return this.session.qualify(parts);
  }

  /** The DuckDB name of the session's temporary object `parts` names, if it names one. */
  resolve(parts) {
    const o = parts.length <= 3 ? this.objects.get(this.key(parts)) : undefined;
    return o && duckName(o.db, o.schema, o.name);
  }

  /**
   * The statement with every name of a temporary object (and the one it creates) pointed at the temp catalog, and
   * what to remember once it has run: a created object, or a dropped one to forget.
   */
  prepare(toks) {
    const created = createdTemporary(toks);
    let pending;
    if (created) {
      const { parts } = readName(toks, created.at);
      const full = this.key(parts).slice(1, -1).split('"."').map((p) => p.replace(/""/g, '"'));
      pending = { add: [this.key(parts), { db: full[0], schema: full[1], name: full[2], kind: created.kind }] };
    }
    const drop = dropped(toks);
    if (drop !== undefined) {
      const key = this.key(readName(toks, drop).parts);
      if (this.objects.has(key)) pending = { remove: key };
    }
    if (!pending && this.objects.size === 0) return { toks, commit: () => undefined };
    const lookup = (parts) => (pending?.add && parts.length <= 3 && this.key(parts) === pending.add[0] ? duckName(pending.add[1].db, pending.add[1].schema, pending.add[1].name) : this.resolve(parts));
    const out = [];
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      const startsName = (t.kind === 'word' || t.kind === 'quoted') && !isPunct(toks[i - 1], '.');
      const { parts, next } = startsName ? readName(toks, i) : { parts: [], next: i + 1 };
      const temp = startsName && !isPunct(toks[next], '(') && !isPunct(toks[next - 1], '.') ? lookup(parts) : undefined;
      if (!temp) { out.push(t); continue; }
      out.push(tok(temp, 'quoted', t.pre));
      i = next - 1;
    }
    return {
      toks: out,
      commit: () => {
        if (pending?.add) this.objects.set(...pending.add);
        if (pending?.remove) this.objects.delete(pending.remove);
      },
    };
  }

  /** This session's temporary objects in `db`.`schema` (every schema when unset), as SHOW lists them. */
  list(db, schema) {
    const same = (a, b) => a.toLowerCase() === b.toLowerCase();
    return [...this.objects.values()].filter((o) => same(o.db, db) && (!schema || same(o.schema, schema)));
  }
}
