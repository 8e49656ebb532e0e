import type { Dialect, ManifestNode, RelationRef, TargetConfig } from '@tsdbt/core';
import type { MaterializeOutcome, NodeContext } from '../types.js';
import { storeFailuresAs } from './store-failures.js';
import { limitSql, testVerdict, wrapTestSql } from './test-query.js';

const truthy = (v: unknown): boolean => v === true || v === 1 || v === 'true' || v === '1';

/**
 * The audit relation dbt keeps failing rows in: the test node's own schema (`<target schema>_dbt_test__audit` unless
 * a `schema` config names another) and its alias.
 */
export function auditRelation(ctx: Pick<NodeContext, 'dialect' | 'node' | 'target'>): RelationRef {
  const { dialect, node, target } = ctx;
  const schema = dialect.normalizeIdentifier(node.schema ?? `${target.schema}_dbt_test__audit`);
  return { database: node.database ?? target.database, schema, identifier: dialect.normalizeIdentifier(node.alias ?? node.name) };
}

/**
 * Where a data test that failed or warned keeps its failing rows, rendered (dbt's `See test failures:` line), or
 * undefined when it stores none: the test's own config, else `--store-failures`.
 */
export function storedFailuresRelation(dialect: Dialect, target: TargetConfig, node: ManifestNode, flag: boolean): string | undefined {
  if (node.resource_type !== 'test') return undefined;
  let kind: ReturnType<typeof storeFailuresAs>;
  try {
    kind = storeFailuresAs(node.config, flag);
  } catch {
    // An unknown store_failures_as: the test errored before storing anything.
    return undefined;
  }
  return kind ? dialect.renderRelation(auditRelation({ dialect, node, target })) : undefined;
}

/** dbt's test materialization with failures stored: replace the audit relation (whatever it was), then count from it. */
async function storeFailures(ctx: NodeContext, kind: 'table' | 'view', sql: string): Promise<string> {
  const { conn, dialect } = ctx;
  const audit = auditRelation(ctx);
  await ctx.ensureSchema(audit.database, audit.schema);
  const existing = await ctx.relations.get(conn, audit);
  if (existing) await conn.execute(dialect.dropRelation(audit, existing));
  await conn.execute(kind === 'view' ? dialect.createViewAs(audit, sql) : dialect.createTableAs(audit, sql));
  await ctx.relations.set(audit, kind);
  return `select * from ${dialect.renderRelation(audit)}`;
}

/** Run a data test (generic or singular): its compiled SQL selects failing rows; dbt counts them. */
export async function runDataTest(ctx: NodeContext): Promise<MaterializeOutcome> {
  const { conn, node } = ctx;
  const sql = await ctx.compile();
  const store = storeFailuresAs(node.config, !!ctx.storeFailures);
  // dbt stores the rows up to `limit` and then counts all it stored.
  const wrapped = store
    ? wrapTestSql(await storeFailures(ctx, store, limitSql(sql, node.config.limit)), { ...node.config, limit: null })
    : wrapTestSql(sql, node.config);
  ctx.main?.(wrapped);
  const result = await conn.execute(wrapped);
  const [failuresRaw, shouldWarn, shouldError] = result.rows[0] ?? [0, false, false];
  const failures = Number(failuresRaw ?? 0);
  const raw = testVerdict(node.config.severity, truthy(shouldWarn), truthy(shouldError));
  // Under --warn-error dbt fails the test with its warn_if: "configured to fail if <warn_if>".
  const verdict = raw === 'warn' && ctx.testWarnIsError ? 'fail' : raw;
  const threshold = raw === 'fail' ? (node.config.error_if ?? '!= 0') : (node.config.warn_if ?? '!= 0');
  const message = verdict === 'pass' ? 'PASS' : `Got ${failures} result${failures === 1 ? '' : 's'}, configured to ${verdict} if ${threshold}`;
  return { message, status: verdict, failures, compiledCode: sql };
}
