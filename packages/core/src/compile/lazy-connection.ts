import type { Adapter, Connection, TargetConfig } from '../adapter/types.js';

/**
 * A Connection that opens on first use: `tsdbt compile` renders with execute=true like dbt, but a project whose
 * templates never query the warehouse should not need one.
 */
export function lazyConnection(adapter: Adapter, target: TargetConfig): Connection & { opened(): boolean } {
  let conn: Promise<Connection> | undefined;
  const get = () => (conn ??= adapter.connect(target));
  return {
    opened: () => conn !== undefined,
    execute: async (sql, params) => (await get()).execute(sql, params),
    transaction: async (fn) => (await get()).transaction(fn),
    getRelation: async (rel) => (await get()).getRelation(rel),
    getColumns: async (rel) => (await get()).getColumns(rel),
    listRelations: async (db, schema) => (await get()).listRelations(db, schema),
    cancel: async () => {
      if (conn) await (await conn).cancel();
    },
    close: async () => {
      if (conn) await (await conn).close();
      conn = undefined;
    },
  };
}
