import type { Connection, Dialect } from '@tsdbt/core';

/** Creates each schema once per run, as dbt does before running nodes; concurrent callers share the promise. */
export class SchemaCache {
  private readonly done = new Map<string, Promise<void>>();

  constructor(private readonly dialect: Dialect) {}

  ensure(conn: Connection, database: string | undefined, schema: string): Promise<void> {
    const key = `${database ?? ''}.${schema}`.toLowerCase();
    let p = this.done.get(key);
    if (!p) {
      p = conn.execute(this.dialect.createSchema(database, schema)).then(() => undefined);
      p.catch(() => this.done.delete(key));
      this.done.set(key, p);
    }
    return p;
  }
}
