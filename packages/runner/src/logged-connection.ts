import type { Connection } from '@tsdbt/core';

/**
 * The same connection, writing every statement it runs to the log first (dbt's `logs/dbt.log` keeps the SQL of
 * each node). Statements inside `transaction` go through the wrapper too. `sent` runs once a statement is on its
 * way, while the warehouse works on it.
 */
export function loggedConnection(conn: Connection, log: (sql: string) => void, sent?: () => void): Connection {
  const logged: Connection = {
    execute: (sql, params) => {
      log(sql);
      const result = conn.execute(sql, params);
      try {
        sent?.();
      } catch {
        // Work done meanwhile is optional: it must never cost the statement its result.
      }
      return result;
    },
    transaction: (fn) => conn.transaction(() => fn(logged)),
    getRelation: (rel) => conn.getRelation(rel),
    getColumns: (rel) => conn.getColumns(rel),
    listRelations: (database, schema) => conn.listRelations(database, schema),
    cancel: () => conn.cancel(),
    close: () => conn.close(),
  };
  if (conn.bulkLoad) logged.bulkLoad = (rel, columns, chunks) => conn.bulkLoad!(rel, columns, chunks);
  return logged;
}
