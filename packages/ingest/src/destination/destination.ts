import { loadAdapter } from '@tsdbt/core';
import type { Adapter, Connection, Dialect, RelationRef, TargetConfig } from '@tsdbt/core';
import { readProfileTarget } from './read-profile-target.js';
import { withIngestSettings } from './bounded-memory.js';

/** Where ingest writes: a profile target's adapter, its dialect and the destination schema. */
export interface Destination {
  adapter: Adapter;
  config: TargetConfig;
  dialect: Dialect;
  /** The dataset schema (`staging`); staged rows wait beside it in `_tsdbt_stage_<table>` so a replace can rename. */
  schema: string;
  database?: string;
  connect(): Promise<Connection>;
  relation(identifier: string, schema?: string): RelationRef;
  /** The same destination for `n` tables loading at once: they share DuckDB's buffer pool (bounded-memory.ts). */
  forLoads(n: number): Destination;
}

export async function openDestination(options: {
  projectDir: string; profilesDir?: string; profile?: string; target?: string; schema: string;
  /** DuckDB itself copies the rows (INSERT … SELECT from an attached file): see PARALLEL_INSERT_SETTINGS. */
  parallelInsert?: boolean;
}): Promise<Destination> {
  const target = readProfileTarget(options);
  const adapter = await loadAdapter(String(target.output.type));
  const base = adapter.parseConfig(target.output, target.targetName, { projectDir: options.projectDir });
  const dialect = adapter.createDialect(base);
  const database = base.database || undefined;
  const schema = dialect.normalizeIdentifier(options.schema);
  const relation = (identifier: string, s?: string): RelationRef => ({ database, schema: s ?? schema, identifier });
  const forLoads = (parallelLoads: number): Destination => {
    // The loader's own connections get a bounded buffer pool (bounded-memory.ts), unless the profile sets one.
    const config = withIngestSettings(base, { parallelInsert: options.parallelInsert, parallelLoads });
    return { adapter, config, dialect, schema, database, connect: () => adapter.connect(config), relation, forLoads };
  };
  return forLoads(1);
}
