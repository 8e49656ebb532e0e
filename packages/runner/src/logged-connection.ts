import type { ColumnInfo, Connection, LoadColumn, QueryResult, RelationInfo, RelationRef } from '@tsdbt/core';

/** One object a node, its methods shared: a run makes one of these per node, so no closures each. */
class LoggedConnection implements Connection {
  bulkLoad?: (rel: RelationRef, columns: LoadColumn[], chunks: AsyncIterable<unknown[][]>) => Promise<number>;

  constructor(
    private readonly conn: Connection,
    private readonly log: (sql: string) => void,
  ) {
    if (conn.bulkLoad) this.bulkLoad = (rel, columns, chunks) => conn.bulkLoad!(rel, columns, chunks);
  }

  execute(sql: string, params?: unknown[]): Promise<QueryResult> {
    this.log(sql);
    return this.conn.execute(sql, params);
  }

  transaction<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    return this.conn.transaction(() => fn(this));
  }

  getRelation(rel: RelationRef): Promise<RelationInfo | undefined> {
    return this.conn.getRelation(rel);
  }

  getColumns(rel: RelationRef): Promise<ColumnInfo[]> {
    return this.conn.getColumns(rel);
  }

  listRelations(database: string | undefined, schema: string): Promise<RelationInfo[]> {
    return this.conn.listRelations(database, schema);
  }

  cancel(): Promise<void> {
    return this.conn.cancel();
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}

/**
 * The same connection, writing every statement it runs to the log first (dbt's `logs/dbt.log` keeps the SQL of
 * each node). Statements inside `transaction` go through the wrapper too.
 */
export function loggedConnection(conn: Connection, log: (sql: string) => void): Connection {
  return new LoggedConnection(conn, log);
}
