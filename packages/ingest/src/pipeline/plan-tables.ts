import { TsdbtError } from '@tsdbt/core';
import type { Diagnostic, Dialect } from '@tsdbt/core';
import type { IngestConfig, TableSpec } from '../config/types.js';
import { normalizeName } from '../naming/snake-case.js';
import { destinationType } from '../schema/logical-type.js';
import { selectColumns } from '../schema/select-columns.js';
import type { LogicalType, SourceTable } from '../schema/logical-type.js';
import type { Source } from '../sources/source.js';

export interface PlannedColumn {
  source: string;
  sourceType: string;
  dest: string;
  destType: string;
  logical: LogicalType;
}

export interface PlannedTable {
  spec: TableSpec;
  /** `Schema.Table` as the source names it. */
  sourceName: string;
  source: SourceTable;
  destName: string;
  columns: PlannedColumn[];
  /** Source names of the key columns (configured, else the source's primary key). */
  primaryKey: string[];
  cursor?: PlannedColumn;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Expands the configured tables (whole schemas included), reflects them and checks everything before any load. */
export async function planTables(config: IngestConfig, source: Source, dialect: Dialect, only?: string[]): Promise<PlannedTable[]> {
  const diagnostics: Diagnostic[] = [];
  const problem = (spec: TableSpec, code: string, message: string, hint?: string) =>
    diagnostics.push({ code, severity: 'error', message, file: config.file, line: spec.line, hint });
  const planned: PlannedTable[] = [];
  const matched = new Set<string>();
  for (const spec of config.tables) {
    const names = spec.name ? [spec.name.split('.') as [string, string]] : (await source.listTables(spec.schema!)).map((t) => [spec.schema!, t] as [string, string]);
    if (names.length === 0) problem(spec, 'TSDBT_INGEST_TABLE_NOT_FOUND', `Source schema '${spec.schema}' has no tables`);
    for (const [schema, table] of names) {
      const destName = dialect.normalizeIdentifier(spec.destinationName ?? normalizeName(table, config.naming));
      const selector = only?.find((o) => same(o, `${schema}.${table}`) || same(o, table) || same(o, destName));
      if (only && !selector) continue;
      if (selector) matched.add(selector);
      const reflected = await source.reflect(schema, table);
      if (!reflected) {
        problem(spec, 'TSDBT_INGEST_TABLE_NOT_FOUND', `Source table ${schema}.${table} does not exist`, 'Check the table name and schema (and the source database) in the ingest config.');
        continue;
      }
      const plan = planTable(spec, reflected, destName, config, dialect, (code, message, hint) => problem(spec, code, message, hint));
      if (plan) planned.push(plan);
    }
  }
  for (const [i, p] of planned.entries()) {
    const first = planned.findIndex((o) => same(o.destName, p.destName));
    if (first !== i) problem(p.spec, 'TSDBT_INGEST_NAME_CLASH', `${p.sourceName} and ${planned[first]!.sourceName} both land in '${p.destName}'`, "Give one of them a table_name.");
  }
  for (const o of only ?? []) {
    if (!matched.has(o)) diagnostics.push({ code: 'TSDBT_INGEST_TABLE_NOT_SELECTED', severity: 'error', message: `--tables names '${o}', which the ingest config does not load`, file: config.file });
  }
  if (diagnostics.length) throw new TsdbtError(diagnostics[0]!.code, diagnostics[0]!.message, { diagnostics, exitCode: diagnostics.some((d) => d.code === 'TSDBT_INGEST_TABLE_NOT_SELECTED') ? 2 : 1 });
  return planned;
}

type Report = (code: string, message: string, hint?: string) => void;

function planTable(spec: TableSpec, table: SourceTable, destName: string, config: IngestConfig, dialect: Dialect, report: Report): PlannedTable | undefined {
  const full = `${table.schema}.${table.name}`;
  const find = (name: string) => table.columns.find((c) => same(c.name, name));
  for (const name of [...(spec.include ?? []), ...spec.exclude]) {
    if (!find(name)) report('TSDBT_INGEST_COLUMN_NOT_FOUND', `${full} has no column '${name}' (include/exclude)`);
  }
  const selected = selectColumns(table.columns, spec.include, spec.exclude);
  const columns: PlannedColumn[] = [];
  for (const c of selected) {
    if (!c.logical) {
      report('TSDBT_INGEST_TYPE_UNSUPPORTED', `${full}.${c.name} has type '${c.sourceType}', which ingest cannot map to the destination`,
        `Exclude it (exclude: [${c.name}]) or cast it in a view at the source.`);
      continue;
    }
    columns.push({ source: c.name, sourceType: c.sourceType, dest: dialect.normalizeIdentifier(normalizeName(c.name, config.naming)), destType: destinationType(c.logical, (p) => dialect.typeName(p)), logical: c.logical });
  }
  const dup = columns.find((c, i) => columns.findIndex((o) => same(o.dest, c.dest)) !== i);
  if (dup) report('TSDBT_INGEST_NAME_CLASH', `${full}: two columns land as '${dup.dest}' under ${config.naming} naming`, "Set naming: direct, or exclude one of them.");
  const primaryKey = (spec.primaryKey.length ? spec.primaryKey : table.primaryKey).map((k) => find(k)?.name ?? k);
  for (const k of primaryKey) if (!columns.some((c) => same(c.source, k))) report('TSDBT_INGEST_COLUMN_NOT_FOUND', `${full}: primary key column '${k}' is not loaded`);
  if (spec.writeDisposition === 'merge' && primaryKey.length === 0) {
    report('TSDBT_INGEST_PRIMARY_KEY_MISSING', `${full}: write_disposition merge needs a primary_key, and the source declares none`, 'Set primary_key: for this table.');
  }
  const cursor = spec.cursor ? columns.find((c) => same(c.source, spec.cursor!)) : undefined;
  if (spec.cursor && !cursor) report('TSDBT_INGEST_COLUMN_NOT_FOUND', `${full}: cursor column '${spec.cursor}' is not loaded`);
  return { spec, sourceName: full, source: table, destName, columns, primaryKey, cursor };
}
