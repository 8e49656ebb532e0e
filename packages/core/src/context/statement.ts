import { splitArgs } from './args.js';
import { AgateTable } from './agate-table.js';
import { awaitInTemplate, requireConnection, type RenderScope } from './render-scope.js';

function runSql(scope: RenderScope, sql: string) {
  const conn = requireConnection(scope, 'run_query');
  return awaitInTemplate(scope, `sql:${sql}`, () => conn.execute(sql));
}

/** `run_query(sql)`: an agate-like table while executing, None during parse (as dbt). */
export function makeRunQuery(scope: RenderScope) {
  return (sql: unknown): AgateTable | null => {
    if (!scope.runtime.execute) return null;
    return new AgateTable(runSql(scope, String(sql)));
  };
}

/** `{% call statement('name', fetch_result=True) %}sql{% endcall %}` and `load_result('name')`. */
export function makeStatement(scope: RenderScope) {
  const statement = (...args: unknown[]): string => {
    const { positional, kwargs } = splitArgs(args);
    const name = String(positional[0] ?? kwargs.name ?? 'main');
    const caller = kwargs.caller as (() => unknown) | undefined;
    const sql = caller ? String(caller()) : '';
    if (!scope.runtime.execute) return '';
    const result = runSql(scope, sql);
    const table = new AgateTable(result);
    scope.results.set(name, {
      response: { _message: 'OK', code: 'OK', rows_affected: result.rowsAffected ?? result.rows.length },
      data: table.rows,
      table,
    });
    return '';
  };
  const loadResult = (name: unknown): unknown => scope.results.get(String(name)) ?? null;
  const storeResult = (name: unknown, ...rest: unknown[]): string => {
    const { positional, kwargs } = splitArgs(rest);
    scope.results.set(String(name), { response: positional[0] ?? kwargs.response, table: positional[1] ?? kwargs.agate_table });
    return '';
  };
  return { statement, load_result: loadResult, store_result: storeResult };
}
