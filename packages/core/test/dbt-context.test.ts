import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMacro, compileNode, compiledPath, isTsdbtError, renderSql, type Connection, type ParsedProject } from '@tsdbt/core';
import { parseFixture } from './helpers.js';
import { parseOutputReuses } from '../src/compile/parse-output.js';

let project: ParsedProject;
const compile = (sql: string, runtime: Parameters<typeof renderSql>[2] = { execute: true }) => renderSql(project, sql, runtime);

beforeAll(async () => {
  project = await parseFixture('core_context');
});

describe('the dbt context in templates', () => {
  it('var: project vars, package-scoped vars, defaults, --vars and overrides', async () => {
    expect(await compile("{{ var('greeting') }} {{ var('scoped') }} {{ var('nope', 'dflt') }}")).toBe('hello root-scoped dflt');
    expect(await compileNode(project, 'model.util_pkg.pkg_model', { execute: true })).toBe("select 'set-by-root' as v, 'from-package' as w");
    expect(await compile("{{ var('greeting') }}", { execute: true, varOverrides: { greeting: 'hi' } })).toBe('hi');
    const withCli = await parseFixture('core_context', { vars: '{"greeting": "cli"}' });
    expect(await renderSql(withCli, "{{ var('greeting') }}", { execute: true })).toBe('cli');
    await expect(compile("{{ var('missing_var') }}")).rejects.toMatchObject({ code: 'TSDBT_VAR_MISSING' });
  });

  it('env_var with a default, and a coded error naming a missing one', async () => {
    process.env.TSDBT_CTX_SET = 'yes';
    expect(await compile("{{ env_var('TSDBT_CTX_SET') }}-{{ env_var('TSDBT_CTX_UNSET', 'd') }}")).toBe('yes-d');
    delete process.env.TSDBT_CTX_SET;
    const err = await compile("{{ env_var('TSDBT_CTX_UNSET') }}").catch((e: unknown) => e);
    expect(isTsdbtError(err) && err.diagnostics.some((d) => d.message.includes('TSDBT_CTX_UNSET'))).toBe(true);
  });

  it('ref (1 and 2 args), source, this, config.get and in-file config over property YAML over the project tree', async () => {
    const sql = await compileNode(project, 'model.core_context.uses_pkg', { execute: true });
    expect(sql).toBe(`\nselect upper('a') || '!' as s, v from "memory"."main"."pkg_model"\n-- table dflt "memory"."main_analytics"."pkg_user"`);
    const node = project.manifest.nodes['model.core_context.uses_pkg']!;
    expect(node.config.tags).toEqual(['two', 'one']);
    expect(node.config.meta).toEqual({ owner: 'hello-data' });
    expect(node.schema).toBe('main_analytics');
    expect(node.alias).toBe('pkg_user');
    expect(project.manifest.nodes['model.util_pkg.pkg_model']!.config.materialized).toBe('table');
    expect(await compile("{{ source('raw', 'events') }}")).toBe('"memory"."landing"."evt"');
  });

  it('adapter.dispatch follows the project dispatch search order, then default__', async () => {
    expect(await compile(`{{ shout("'x'") }}`)).toBe("upper('x') || '!'");
    expect(await compile(`{{ util_pkg.default__shout("'x'") }}`)).toBe("upper('x')");
  });

  it('target has no secrets; execute, is_incremental, flags, invocation_id', async () => {
    expect(await compile('{{ target.name }} {{ target.type }} {{ target.schema }} {{ execute }}')).toBe('dev duckdb main True');
    expect(await compile('{{ is_incremental() }}', { execute: true, isIncremental: true })).toBe('True');
    expect(await compile('{{ is_incremental() }}', { execute: true, isIncremental: true, fullRefresh: true })).toBe('False');
    expect(await compile('{{ invocation_id }}', { execute: true, invocationId: 'abc' })).toBe('abc');
    expect(await compile('{{ flags.FULL_REFRESH }}', { execute: true, fullRefresh: true })).toBe('True');
  });

  it('doc() and graph', async () => {
    expect(await compile("{{ graph.nodes['model.core_context.uses_pkg'].name }}")).toBe('uses_pkg');
    await expect(compile("{{ doc('nope') }}")).rejects.toMatchObject({ code: expect.stringMatching(/TSDBT_DOC_NOT_FOUND|TSDBT_JINJA_RENDER/) });
  });

  it('cross-database macros dispatch per adapter', async () => {
    expect((await compile("{{ dbt.dateadd('day', 1, 'd') }}")).trim()).toBe('date_add(d, interval (1) day)');
    expect((await compile("{{ dbt.concat(['a', 'b']) }}")).trim()).toBe('a || b');
    expect((await compile("{{ dbt.safe_cast('x', dbt.type_string()) }}")).trim()).toBe('try_cast(x as TEXT)');
    expect((await compile('{{ dbt.current_timestamp() }}')).trim()).toBe('now()');
    expect((await compile("{{ dbt.hash('x') }}")).trim()).toBe('md5(cast(x as TEXT))');
  });

  it('callMacro runs a macro with kwargs and returns its value', async () => {
    expect(String(await callMacro(project, 'shout', { x: "'y'" }, { execute: true }))).toBe("upper('y') || '!'");
    expect(String(await callMacro(project, 'util_pkg.default__shout', { x: 'z' }, { execute: true }))).toBe('upper(z)');
  });

  it('a project-level generate_alias_name override is used', () => {
    expect(project.manifest.nodes['model.core_context.introspect']!.alias).toBe('introspect');
  });
});

describe('database calls while rendering return values (DuckDB)', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await project.adapter.connect(project.target);
    await conn.execute('create table main.ctx_probe (id integer, label varchar)');
  });
  afterAll(async () => conn?.close());

  it('run_query, statement/load_result, get_relation and get_columns_in_relation', async () => {
    const sql = await compileNode(project, 'model.core_context.introspect', { execute: true, connection: conn });
    expect(sql.trim()).toBe("select 42 as answer, 7 as n, 'ctx_probe' as rel, 'id,label' as cols");
  });

  it('renders the parse-time branch without a connection when execute is false', async () => {
    expect((await compileNode(project, 'model.core_context.introspect', { execute: false })).trim()).toBe('select 1 as placeholder');
  });
});

describe('snapshots', () => {
  it('come from {% snapshot %} blocks and from YAML (relation + config)', async () => {
    const block = project.manifest.nodes['snapshot.core_context.events_snapshot']!;
    expect(block.config).toMatchObject({ materialized: 'snapshot', strategy: 'timestamp', unique_key: 'id', updated_at: 'updated_at' });
    expect(block.depends_on.nodes).toEqual(['source.core_context.raw.events']);
    const yml = project.manifest.nodes['snapshot.core_context.pkg_model_snapshot']!;
    expect(yml.config).toMatchObject({ strategy: 'check', check_cols: 'all', unique_key: 'v' });
    expect(yml.depends_on.nodes).toEqual(['model.util_pkg.pkg_model']);
    expect(await compileNode(project, yml.unique_id, { execute: true })).toBe('select * from "memory"."main"."pkg_model"');
    // Many nodes to one YAML file: the snapshot's compiled file sits under the file's path, like its generic tests,
    // so it never collides with their folder (a file at models/properties.yml broke `compile` with EEXIST).
    expect(yml.path).toBe('pkg_model_snapshot.sql');
    const sourceTest = Object.values(project.manifest.nodes).find((n) => n.test_metadata && n.original_file_path === yml.original_file_path)!;
    expect(compiledPath(project, yml)).toBe(`${compiledPath(project, sourceTest).split('/').slice(0, -1).join('/')}/pkg_model_snapshot.sql`);
    expect(compiledPath(project, block)).toMatch(/compiled\/core_context\/snapshots\/[^/]+\.sql$/);
  });
});

describe('compile reuses a pure parse render', () => {
  it('substitutes resolved relations into the parse output instead of rendering again, unless the template read compile-time state', async () => {
    const events: string[] = [];
    const p = await parseFixture('core_context', { logger: (e) => events.push(e.message) });
    const count = () => events.filter((m) => m === 'rendering pkg_model').length;
    expect(count()).toBe(1);
    // pkg_model logs, so compile renders it again (log() speaks at compile as in dbt) ...
    const first = await compileNode(p, 'model.util_pkg.pkg_model', { execute: true });
    expect(count()).toBe(2);
    expect(first).toBe("select 'set-by-root' as v, 'from-package' as w");
    // ... while pure models (no execute/this/config.get/log) reuse the parse render, with the same result.
    const reusesBefore = parseOutputReuses.count;
    const golden = await compileNode(p, 'model.core_context.uses_versions', { execute: true });
    expect(parseOutputReuses.count).toBe(reusesBefore + 1);
    expect(golden).toBe(await compileNode(p, 'model.core_context.uses_versions', { execute: true, varOverrides: {} }));
    // uses_pkg reads config.get and this: rendered again, with compile-time values.
    const impure = await compileNode(p, 'model.core_context.uses_pkg', { execute: true });
    expect(impure).toContain('"memory"."main_analytics"."pkg_user"');
  });
});

describe('model versions', () => {
  it('ref() picks latest_version, ref(v=) a version; aliases and tests follow dbt', async () => {
    const n = project.manifest.nodes;
    expect(n['model.core_context.dim_customers.v1']).toMatchObject({ name: 'dim_customers', version: 1, alias: 'dim_customers_v1' });
    expect(n['model.core_context.dim_customers.v2']!.alias).toBe('dim_customers_v2');
    expect(n['model.core_context.uses_versions']!.depends_on.nodes.sort()).toEqual(['model.core_context.dim_customers.v1', 'model.core_context.dim_customers.v2']);
    expect(await compileNode(project, 'model.core_context.uses_versions', { execute: true })).toBe(
      'select * from "memory"."main_analytics"."dim_customers_v2" join "memory"."main_analytics"."dim_customers_v1" using (id)',
    );
    const tests = Object.values(n).filter((t) => t.resource_type === 'test' && t.name.startsWith('not_null_dim_customers'));
    expect(tests.map((t) => [t.name, t.attached_node]).sort()).toEqual([
      ['not_null_dim_customers_v1_id', 'model.core_context.dim_customers.v1'],
      ['not_null_dim_customers_v2_id', 'model.core_context.dim_customers.v2'],
    ]);
    expect(tests.find((t) => t.name.endsWith('v1_id'))!.depends_on.nodes).toEqual(['model.core_context.dim_customers.v1']);
  });
});

describe('generic tests on sources', () => {
  it('are named source_<test>_<source>_<table>_<column>, depend on the source and honour where/severity', async () => {
    const t = Object.values(project.manifest.nodes).find((n) => n.name === 'source_not_null_raw_events_id')!;
    expect(t.depends_on.nodes).toEqual(['source.core_context.raw.events']);
    expect(t.attached_node).toBeNull();
    expect(t.config).toMatchObject({ where: 'id > 0', severity: 'WARN' });
    const sql = await compileNode(project, t.unique_id, { execute: true });
    expect(sql).toContain('from (select * from "memory"."landing"."evt" where id > 0) dbt_subquery');
    expect(sql).toContain('where id is null');
  });
});

describe('renderSql in a node context (hooks)', () => {
  it('sees this and config of the node', async () => {
    const sql = await renderSql(project, 'grant select on {{ this }} to reporter -- {{ config.get("materialized") }}', { execute: true }, 'post-hook', 'model.core_context.uses_pkg');
    expect(sql).toBe('grant select on "memory"."main_analytics"."pkg_user" to reporter -- table');
  });
});
