import type { Dialect } from '../adapter/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceDefinition } from '../manifest/types.js';
import { isRecord } from '../util/yaml-file.js';
import { readColumns, toStrings } from './columns.js';
import type { PropertyEntry } from './read-properties.js';

export interface SourceContext {
  dialect: Dialect;
  defaultDatabase: string;
  quoting: Record<string, boolean>;
  /** Renders Jinja in a property value (schema: "{{ var('raw') }}", description with doc()). */
  render: (text: string, pkg: string) => string;
  /** Config for this source table from the `sources:` trees of dbt_project.yml. */
  treeConfig: (fqn: string[], pkg: string) => Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** One SourceDefinition per table of each `sources:` entry, as dbt's manifest holds them. */
export function buildSources(entries: PropertyEntry[], ctx: SourceContext, problems: Diagnostic[]): SourceDefinition[] {
  const out: SourceDefinition[] = [];
  for (const { pkg, file, entry } of entries) {
    const sourceName = entry.name as string;
    const render = (v: unknown) => (v === undefined ? undefined : ctx.render(String(v), pkg.name));
    const database = render(entry.database ?? entry.catalog) ?? ctx.defaultDatabase;
    const schema = render(entry.schema) ?? sourceName;
    const dirs = file.split('/').slice(1, -1);
    const tables = Array.isArray(entry.tables) ? entry.tables : [];
    if (entry.tables !== undefined && !Array.isArray(entry.tables))
      problems.push({ code: 'TSDBT_CONFIG_TYPE', severity: 'error', file, message: `'tables' of source '${sourceName}' must be a list` });
    const srcConfig = isRecord(entry.config) ? entry.config : {};
    for (const t of tables) {
      if (!isRecord(t) || typeof t.name !== 'string') {
        problems.push({ code: 'TSDBT_CONFIG_TYPE', severity: 'error', file, message: `A table of source '${sourceName}' needs a 'name'` });
        continue;
      }
      const identifier = render(t.identifier) ?? t.name;
      const quoting = { ...(isRecord(entry.quoting) ? entry.quoting : {}), ...(isRecord(t.quoting) ? t.quoting : {}) } as Record<string, boolean>;
      const fqn = [pkg.name, ...dirs, sourceName, t.name];
      const config = { enabled: true, ...ctx.treeConfig(fqn, pkg.name), ...srcConfig, ...(isRecord(t.config) ? t.config : {}) };
      const q = { ...ctx.quoting, ...quoting };
      out.push({
        unique_id: `source.${pkg.name}.${sourceName}.${t.name}`,
        resource_type: 'source',
        package_name: pkg.name,
        name: t.name,
        source_name: sourceName,
        source_description: str(entry.description) ? render(entry.description)! : '',
        identifier,
        database,
        schema,
        relation_name: ctx.dialect.renderRelation({ database, schema, identifier }, q),
        loader: str(entry.loader) ?? '',
        loaded_at_field: str(t.loaded_at_field) ?? str(entry.loaded_at_field) ?? null,
        freshness: t.freshness ?? entry.freshness ?? null,
        fqn,
        path: file,
        original_file_path: file,
        description: str(t.description) ? render(t.description)! : '',
        columns: readColumns(t.columns, (x) => ctx.render(x, pkg.name)),
        meta: { ...(isRecord(entry.meta) ? entry.meta : {}), ...(isRecord(t.meta) ? t.meta : {}) },
        tags: [...new Set([...toStrings(entry.tags), ...toStrings(t.tags)])],
        config: config as SourceDefinition['config'],
        quoting,
        source_meta: isRecord(entry.meta) ? entry.meta : {},
        external: t.external ?? null,
        unrendered_config: {},
      } as SourceDefinition);
    }
  }
  return out;
}
