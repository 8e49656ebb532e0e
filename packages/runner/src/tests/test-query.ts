import { sqlBody } from '@tsdbt/core';
import type { NodeConfig } from '@tsdbt/core';

/** dbt's `get_test_sql`: counts failing rows and checks them against `warn_if` / `error_if`. */
export function wrapTestSql(sql: string, config: NodeConfig): string {
  const failCalc = config.fail_calc ?? 'count(*)';
  const warnIf = config.warn_if ?? '!= 0';
  const errorIf = config.error_if ?? '!= 0';
  return (
    `select\n  ${failCalc} as failures,\n  ${failCalc} ${warnIf} as should_warn,\n  ${failCalc} ${errorIf} as should_error\n` +
    `from (\n${limitSql(sql, config.limit)}\n) dbt_internal_test`
  );
}

/** The test's query with its `limit` config applied (trailing semicolons dropped so it nests). */
export function limitSql(sql: string, limit: unknown): string {
  const body = sqlBody(sql);
  return limit !== undefined && limit !== null ? `${body}\nlimit ${Number(limit)}` : body;
}

export type TestVerdict = 'pass' | 'warn' | 'fail';

/** dbt's verdict: `fail` when severity is error and error_if holds, `warn` when warn_if holds, else `pass`. */
export function testVerdict(severity: string | undefined, shouldWarn: boolean, shouldError: boolean): TestVerdict {
  if ((severity ?? 'error').toLowerCase() === 'error' && shouldError) return 'fail';
  if (shouldWarn) return 'warn';
  return 'pass';
}
