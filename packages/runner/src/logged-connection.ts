import type { Connection } from '@tsdbt/core';

/**
 * The same connection, writing every statement it runs to the log first (dbt's `logs/dbt.log` keeps the SQL of
 * each node). Statements inside `transaction` go through the wrapper too.
 */
export function loggedConnection(conn: Connection, log: (sql: string) => void): Connection {
  const logged: Connection = {
    execute: (sql, params) => {
      log(sql);
      return conn.execute(sql, params);
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
