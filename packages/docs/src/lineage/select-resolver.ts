import { asList, identText, isAst, selectBranches, walkExpression, type Ast } from './ast.js';
import type { RelationLookup } from './relation-lookup.js';
import type { KnownRelation, LineageKind, LineageSource } from './types.js';

/** A column a SELECT (or CTE, or subquery) produces, traced to base relations. */
export interface DerivedColumn {
  /** Undefined for an unnamed expression. */
  name: string | undefined;
  kind: LineageKind;
  sources: LineageSource[];
  reason?: string;
}

/**
 * What a SELECT produces: its named columns, plus the reason when a `*` could not be expanded. When that `*` read
 * exactly one relation, `starFrom` is it: any other column the SELECT yields can only come from there.
 */
export interface SelectOutput {
  columns: DerivedColumn[];
  opaqueReason?: string;
  starFrom?: FromItem;
}

export interface FromItem {
  alias: string;
  relation?: KnownRelation;
  derived?: SelectOutput;
  unknownReason?: string;
}

const KIND_RANK: Record<LineageKind, number> = { constant: 0, direct: 1, rename: 2, expression: 3, aggregate: 4, unresolved: 5 };
const lower = (s: string) => s.toLowerCase();

function unresolved(name: string | undefined, reason: string): DerivedColumn {
  return { name, kind: 'unresolved', sources: [], reason };
}

/** Resolves SELECT statements against the project's relations and the CTEs in scope. */
export class SelectResolver {
  constructor(private readonly relations: RelationLookup) {}

  resolve(stmt: Ast, ctes: Map<string, SelectOutput> = new Map()): SelectOutput {
    const scope = new Map(ctes);
    for (const cte of asList(stmt.with)) {
      const name = identText(cte.name);
      const body = isAst(cte.stmt) && isAst(cte.stmt.ast) ? cte.stmt.ast : cte.stmt;
      if (!name || !isAst(body)) continue;
      // WITH RECURSIVE: the anchor branch gives the columns the recursive branch reads from itself.
      if (cte.recursive || (isAst(stmt.with) && stmt.with.recursive)) scope.set(lower(name), this.renameCte(this.resolve({ ...body, _next: undefined }, scope), cte.columns));
      scope.set(lower(name), this.renameCte(this.resolve(body, scope), cte.columns));
    }
    const outputs = selectBranches(stmt).map((branch) => this.resolveBranch(branch, scope));
    return outputs.length === 1 ? outputs[0]! : mergeUnion(outputs);
  }

  private renameCte(output: SelectOutput, columns: unknown): SelectOutput {
    const names = asList(columns).map(identText);
    if (names.length === 0) return output;
    return { ...output, columns: output.columns.map((c, i) => ({ ...c, name: names[i] ?? c.name })) };
  }

  private resolveBranch(select: Ast, ctes: Map<string, SelectOutput>): SelectOutput {
    const from = asList(select.from).map((item) => this.fromItem(item, ctes));
    const result: SelectOutput = { columns: [] };
    const columns = Array.isArray(select.columns) ? select.columns : select.columns === '*' ? [{ expr: { type: 'column_ref', column: '*' } }] : [];
    for (const col of asList(columns)) {
      const expr = isAst(col.expr) ? col.expr : col;
      if (expr.type === 'column_ref' && identText(expr.column) === '*') {
        const before = result.columns.length;
        this.expandStar(identText(expr.table), from, result);
        applyStarSuffix(expr.suffix, result, before);
        continue;
      }
      const alias = identText(col.as);
      result.columns.push(this.expression(expr, alias, from, ctes));
    }
    return result;
  }

  private fromItem(item: Ast, ctes: Map<string, SelectOutput>): FromItem {
    const alias = identText(item.as);
    const sub = isAst(item.expr) && isAst(item.expr.ast) ? item.expr.ast : undefined;
    if (sub) return { alias: lower(alias ?? ''), derived: this.resolve(sub, ctes) };
    const table = typeof item.table === 'string' ? item.table : undefined;
    if (!table) return { alias: lower(alias ?? ''), unknownReason: 'reads from a table function or VALUES list' };
    const parts = [item.db, item.schema, table].filter((p): p is string => typeof p === 'string' && p !== '');
    const name = lower(alias ?? table);
    const cte = parts.length === 1 ? ctes.get(lower(table)) : undefined;
    if (cte) return { alias: name, derived: cte };
    const relation = this.relations.find(parts);
    if (relation) return { alias: name, relation };
    return { alias: name, unknownReason: `reads ${parts.join('.')}, which is not a node of the project` };
  }

  private expandStar(table: string | undefined, from: FromItem[], out: SelectOutput): void {
    const items = table === undefined ? from : from.filter((f) => f.alias === lower(table));
    if (items.length === 0) out.opaqueReason = `select ${table}.* names no table of the FROM clause`;
    let opaque = 0;
    for (const item of items) {
      if (item.derived) {
        out.columns.push(...item.derived.columns);
        if (!item.derived.opaqueReason) continue;
        opaque++;
        out.opaqueReason = item.derived.opaqueReason;
        out.starFrom = item.derived.starFrom;
      } else if (item.relation?.columns && item.relation.complete) {
        for (const c of item.relation.columns) out.columns.push({ name: c, kind: 'direct', sources: [{ node: item.relation.uniqueId, column: c }] });
      } else {
        opaque++;
        const what = item.relation ? `${item.relation.identifier}, whose columns are not all known (no catalog.json entry)` : item.alias;
        out.opaqueReason = item.unknownReason ?? `select * over ${what}`;
        out.starFrom = item.relation ? item : undefined;
      }
    }
    // Two opaque stars: a column not named elsewhere could come from either, so none is inferred.
    if (opaque > 1) {
      out.starFrom = undefined;
      out.opaqueReason = 'select * over several tables whose columns are not all known (no catalog.json)';
    }
  }

  private expression(expr: Ast, alias: string | undefined, from: FromItem[], ctes: Map<string, SelectOutput>): DerivedColumn {
    const refs: DerivedColumn[] = [];
    const { aggregate } = walkExpression(
      expr,
      (ref) => refs.push(this.columnRef(ref, from)),
      (sub) => refs.push(...this.resolve(sub, ctes).columns),
    );
    const bareName = expr.type === 'column_ref' || expr.type === 'double_quote_string' ? identText(expr.type === 'column_ref' ? expr.column : expr.value) : undefined;
    const name = alias ?? bareName;
    const failed = refs.find((r) => r.kind === 'unresolved');
    if (failed) return unresolved(name, failed.reason ?? 'unresolved');
    const sources = dedupe(refs.flatMap((r) => r.sources));
    let kind: LineageKind = aggregate ? 'aggregate' : refs.length === 0 ? 'constant' : 'expression';
    if ((expr.type === 'column_ref' || expr.type === 'double_quote_string') && refs.length === 1) {
      const inner = refs[0]!;
      const bare = inner.kind === 'direct' || inner.kind === 'rename';
      kind = bare ? (sources.length === 1 && lower(sources[0]!.column) === lower(name ?? '') ? 'direct' : 'rename') : inner.kind;
    } else {
      for (const r of refs) if (KIND_RANK[r.kind] > KIND_RANK[kind]) kind = r.kind;
    }
    return { name, kind, sources };
  }

  private columnRef(ref: Ast, from: FromItem[]): DerivedColumn {
    const column = identText(ref.column) ?? '';
    const table = identText(ref.table);
    let item: FromItem | undefined;
    if (table !== undefined) {
      item = from.find((f) => f.alias === lower(table));
      if (!item) return unresolved(column, `${table}.${column} names no table of the FROM clause`);
    } else {
      const known = from.filter((f) => hasColumn(f, column));
      const unknown = from.filter((f) => hasColumn(f, column) === undefined);
      if (known.length > 1) return unresolved(column, `${column} is ambiguous between ${known.map((f) => f.alias).join(' and ')}`);
      // Valid SQL names an unqualified column in one table only: a known match wins, else the one unknown table.
      item = known[0] ?? (unknown.length === 1 ? unknown[0] : undefined);
      if (!item) return unresolved(column, `cannot tell which table ${column} comes from`);
    }
    return columnOf(item, column);
  }
}

/**
 * `* EXCLUDE (a, b)` drops columns from what the star produced; another suffix (`REPLACE`, `RENAME`) changes them
 * in ways not modelled here, so the star's output is then left unresolved rather than guessed.
 */
function applyStarSuffix(suffix: unknown, out: SelectOutput, from: number): void {
  if (!isAst(suffix)) return;
  const name = identText(asList(isAst(suffix.name) ? suffix.name.name : undefined)[0])?.toLowerCase();
  const args = isAst(suffix.args) ? asList(suffix.args.value).map((a) => identText(a.column)?.toLowerCase()) : [];
  if (name === 'exclude') {
    const kept = out.columns.slice(from).filter((c) => !args.includes(c.name?.toLowerCase()));
    out.columns.splice(from, out.columns.length - from, ...kept);
  } else {
    out.columns.splice(from);
    out.opaqueReason = `select * ${name ?? 'with a modifier'} (...) is not traced`;
  }
  // Columns under an opaque star are inferred from the one relation it reads; with a modifier that would be a guess.
  out.starFrom = undefined;
}

/** true/false when it is known whether the item has the column, undefined when its columns are not all known. */
function hasColumn(item: FromItem, column: string): boolean | undefined {
  if (item.derived) return item.derived.columns.some((c) => c.name !== undefined && lower(c.name) === lower(column)) || (item.derived.opaqueReason ? undefined : false);
  if (item.relation?.columns?.some((c) => lower(c) === lower(column))) return true;
  return item.relation?.complete ? false : undefined;
}

export function columnOf(item: FromItem, column: string): DerivedColumn {
  if (item.unknownReason) return unresolved(column, item.unknownReason);
  if (item.derived) {
    const found = item.derived.columns.find((c) => c.name !== undefined && lower(c.name) === lower(column));
    if (found) return found;
    if (item.derived.starFrom) return columnOf(item.derived.starFrom, column);
    return unresolved(column, item.derived.opaqueReason ?? `${column} is not a column of ${item.alias}`);
  }
  const rel = item.relation!;
  const actual = rel.columns?.find((c) => lower(c) === lower(column));
  if (rel.complete && !actual) return unresolved(column, `${column} is not a column of ${rel.identifier}`);
  return { name: column, kind: 'direct', sources: [{ node: rel.uniqueId, column: actual ?? column }] };
}

function dedupe(sources: LineageSource[]): LineageSource[] {
  const seen = new Map<string, LineageSource>();
  for (const s of sources) seen.set(`${s.node}\u0000${lower(s.column)}`, s);
  return [...seen.values()];
}

/** UNION: the first branch names the columns; each position draws on every branch. */
function mergeUnion(outputs: SelectOutput[]): SelectOutput {
  const first = outputs[0]!;
  const opaque = outputs.find((o) => o.opaqueReason)?.opaqueReason;
  const columns = first.columns.map((col, i) => {
    const at = outputs.map((o) => o.columns[i]);
    const failed = at.find((c) => !c || c.kind === 'unresolved');
    if (failed || at.length !== outputs.length) return unresolved(col.name, failed?.reason ?? 'UNION branches differ in width');
    const kinds = at.map((c) => c!.kind);
    const kind = kinds.reduce((a, b) => (KIND_RANK[b] > KIND_RANK[a] ? b : a), 'constant' as LineageKind);
    return { name: col.name, kind: kind === 'direct' || kind === 'rename' ? 'expression' : kind, sources: dedupe(at.flatMap((c) => c!.sources)) };
  });
  return { columns, opaqueReason: opaque };
}
