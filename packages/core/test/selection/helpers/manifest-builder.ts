import type { Manifest, ManifestNode, ResourceType, SourceDefinition } from '../../../src/manifest/types.js';

export interface NodeOptions {
  /** Path under the resource's folder, e.g. `staging/stg_orders.sql`. */
  path?: string;
  refs?: string[];
  sources?: [string, string][];
  tags?: string[];
  config?: Record<string, unknown>;
  unrenderedConfig?: Record<string, unknown>;
  packageName?: string;
  checksum?: string;
  description?: string;
  macros?: string[];
  enabled?: boolean;
}

export interface TestOptions extends NodeOptions {
  /** Models/seeds/snapshots the test reads (by name); the first is its attached node. */
  on?: string[];
  /** Generic test name (`not_null`, `unique`, …); omit for a singular test. */
  generic?: string;
}

type Pending = { node: ManifestNode; refs: string[]; sources: [string, string][] };

const FOLDERS: Record<string, string> = { model: 'models', seed: 'seeds', snapshot: 'snapshots', analysis: 'analyses', test: 'tests' };

/** Builds dbt v12-shaped manifests for tests: refs by name, resolved when `build()` runs. */
export class ManifestBuilder {
  private readonly pending: Pending[] = [];
  private readonly sources: Record<string, SourceDefinition> = {};
  private readonly exposures: Record<string, unknown> = {};
  private readonly macros: Record<string, unknown> = {};

  constructor(readonly project = 'shop') {}

  model(name: string, o: NodeOptions = {}): this {
    return this.add('model', name, o);
  }
  seed(name: string, o: NodeOptions = {}): this {
    return this.add('seed', name, { path: `${name}.csv`, ...o });
  }
  snapshot(name: string, o: NodeOptions = {}): this {
    return this.add('snapshot', name, o);
  }
  analysis(name: string, o: NodeOptions = {}): this {
    return this.add('analysis', name, o);
  }

  test(name: string, o: TestOptions = {}): this {
    const path = o.generic ? (o.path ?? 'models/schema.yml') : `tests/${o.path ?? `${name}.sql`}`;
    this.add('test', name, { ...o, refs: [...(o.refs ?? []), ...(o.on ?? [])], path }, true);
    const node = this.pending[this.pending.length - 1]!.node;
    node.original_file_path = path;
    if (o.generic) {
      node.test_metadata = { name: o.generic, kwargs: {}, namespace: null };
      node.attached_node = o.on?.[0] ? `@${o.on[0]}` : null;
    }
    return this;
  }

  unitTest(name: string, model: string, o: NodeOptions = {}): this {
    this.add('unit_test', name, { path: 'models/unit_tests.yml', ...o, refs: [model] }, true);
    const node = this.pending[this.pending.length - 1]!.node;
    node.original_file_path = 'models/unit_tests.yml';
    node.model = model;
    return this;
  }

  source(sourceName: string, table: string, o: { path?: string; packageName?: string; tags?: string[]; config?: Record<string, unknown>; identifier?: string } = {}): this {
    const pkg = o.packageName ?? this.project;
    const id = `source.${pkg}.${sourceName}.${table}`;
    const file = `models/${o.path ?? 'sources.yml'}`;
    this.sources[id] = {
      unique_id: id, resource_type: 'source', package_name: pkg, name: table, source_name: sourceName, source_description: '',
      identifier: o.identifier ?? table, database: 'db', schema: sourceName, relation_name: `db.${sourceName}.${table}`, loader: '',
      loaded_at_field: null, freshness: null, fqn: [pkg, ...folderParts(file), sourceName, table], path: file.replace(/^models\//, ''),
      original_file_path: file, description: '', columns: {}, meta: {}, tags: o.tags ?? [], config: { enabled: true, ...(o.config ?? {}) }, quoting: {},
    };
    return this;
  }

  exposure(name: string, refs: string[], o: { tags?: string[] } = {}): this {
    const id = `exposure.${this.project}.${name}`;
    this.exposures[id] = {
      unique_id: id, resource_type: 'exposure', package_name: this.project, name, fqn: [this.project, name], type: 'dashboard',
      original_file_path: 'models/exposures.yml', path: 'exposures.yml', tags: o.tags ?? [], config: { enabled: true },
      depends_on: { nodes: refs, macros: [] }, __refs: refs,
    };
    return this;
  }

  macro(id: string, sql: string, dependsOn: string[] = []): this {
    this.macros[id] = { unique_id: id, macro_sql: sql, depends_on: { macros: dependsOn }, resource_type: 'macro' };
    return this;
  }

  private add(type: ResourceType, name: string, o: NodeOptions, uniqueName = false): this {
    const pkg = o.packageName ?? this.project;
    const rel = o.path ?? `${name}.sql`;
    const file = type === 'test' || type === 'unit_test' ? rel : `${FOLDERS[type]}/${rel}`;
    const fqnParts = type === 'test' || type === 'unit_test' ? [...folderParts(file), name] : [...rel.split('/').slice(0, -1), name];
    const node: ManifestNode = {
      unique_id: `${type}.${pkg}.${name}${uniqueName ? '' : ''}`, resource_type: type, package_name: pkg, name, path: rel, original_file_path: file,
      fqn: [pkg, ...fqnParts], database: 'db', schema: 'main', alias: name, relation_name: null, raw_code: `select 1 as ${name}`, language: 'sql',
      checksum: { name: 'sha256', checksum: o.checksum ?? `sum-${name}` }, depends_on: { macros: o.macros ?? [], nodes: [] },
      refs: [], sources: o.sources ?? [], metrics: [],
      config: { enabled: o.enabled ?? true, materialized: type === 'model' ? 'view' : type, tags: o.tags ?? [], meta: {}, pre_hook: [], post_hook: [], quoting: {}, persist_docs: {}, ...(o.config ?? {}) } as ManifestNode['config'],
      tags: o.tags ?? [], description: o.description ?? '', columns: {}, meta: {}, docs: { show: true, node_color: null }, patch_path: null,
      unrendered_config: o.unrenderedConfig ?? {}, created_at: 0,
    };
    this.pending.push({ node, refs: o.refs ?? [], sources: o.sources ?? [] });
    return this;
  }

  build(): Manifest {
    const byName = new Map<string, string>();
    for (const { node } of this.pending) if (['model', 'seed', 'snapshot'].includes(node.resource_type)) byName.set(node.name, node.unique_id);
    const nodes: Record<string, ManifestNode> = {};
    const unitTests: Record<string, ManifestNode> = {};
    for (const { node, refs, sources } of this.pending) {
      node.depends_on.nodes = [...refs.map((r) => byName.get(r) ?? `model.${this.project}.${r}`), ...sources.map(([s, t]) => `source.${this.project}.${s}.${t}`)];
      node.refs = refs.map((r) => ({ name: r, package: null, version: null }));
      if (node.attached_node?.startsWith('@')) node.attached_node = byName.get(node.attached_node.slice(1)) ?? null;
      (node.resource_type === 'unit_test' ? unitTests : nodes)[node.unique_id] = node;
    }
    for (const e of Object.values(this.exposures) as { depends_on: { nodes: string[] }; __refs?: string[] }[]) {
      e.depends_on.nodes = (e.__refs ?? []).map((r) => byName.get(r) ?? r);
      delete e.__refs;
    }
    return {
      metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.8.0', generated_at: '', invocation_id: '', env: {}, project_name: this.project, project_id: '', adapter_type: 'duckdb' },
      nodes, sources: this.sources, macros: this.macros, docs: {}, exposures: this.exposures, metrics: {}, groups: {}, selectors: {}, disabled: {},
      parent_map: {}, child_map: {}, group_map: {}, saved_queries: {}, semantic_models: {}, unit_tests: unitTests,
    };
  }
}

function folderParts(file: string): string[] {
  return file.split('/').slice(1, -1);
}
