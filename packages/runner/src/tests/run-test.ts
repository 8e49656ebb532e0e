import type { RelationRef } from '@tsdbt/core';
import type { MaterializeOutcome, NodeContext } from '../types.js';
import { testVerdict, wrapTestSql } from './test-query.js';

const truthy = (v: unknown): boolean => v === true || v === 1 || v === 'true' || v === '1';

/** The audit relation dbt keeps failing rows in: `<target schema>_dbt_test__audit.<test name>`. */
export function auditRelation(ctx: NodeContext): RelationRef {
  const schema = ctx.dialect.normalizeIdentifier(`${ctx.target.schema}_dbt_test__audit`);
  return { database: ctx.target.database, schema, identifier: ctx.dialect.normalizeIdentifier(ctx.node.alias ?? ctx.node.name) };
}

/** Run a data test (generic or singular): its compiled SQL selects failing rows; dbt counts them. */
export async function runDataTest(ctx: NodeContext): Promise<MaterializeOutcome> {
  const { conn, dialect, node } = ctx;
  const sql = await ctx.compile();
  let query = sql;
  if (node.config.store_failures) {
    const audit = auditRelation(ctx);
    await ctx.ensureSchema(audit.database, audit.schema);
    await conn.execute(dialect.dropRelation(audit, 'table'));
    await conn.execute(dialect.createTableAs(audit, sql));
    query = `select * from ${dialect.renderRelation(audit)}`;
  }
  const wrapped = wrapTestSql(query, node.config);
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
