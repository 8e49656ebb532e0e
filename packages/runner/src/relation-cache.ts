import type { Connection, RelationRef, RelationType } from '@tsdbt/core';

const key = (database: string | undefined, schema: string): string => `${database ?? ''}.${schema}`.toLowerCase();

/**
 * What exists in the warehouse, listed once per schema and then kept up to date by the runner as it builds (dbt's
 * relation cache): a 1,000-model run asks the catalog once per schema, not once per model.
 */
export class RelationCache {
  private readonly schemas = new Map<string, Promise<Map<string, RelationType>>>();
  /** The listings that arrived: read and updated without waiting on their promise (a few ticks per node saved). */
  private readonly listed = new Map<string, Map<string, RelationType>>();

  get(conn: Connection, rel: RelationRef): Promise<RelationType | undefined> {
    const k = key(rel.database, rel.schema);
    const known = this.listed.get(k);
    if (known) return Promise.resolve(known.get(rel.identifier.toLowerCase()));
    let listing = this.schemas.get(k);
    if (!listing) {
      const pending = conn.listRelations(rel.database, rel.schema).then((rs) => {
        const map = new Map(rs.map((r) => [r.identifier.toLowerCase(), r.type]));
        // Unless forgotten meanwhile (forget() dropped this promise): then the next get lists again.
        if (this.schemas.get(k) === pending) this.listed.set(k, map);
        return map;
      });
      listing = pending;
      listing.catch(() => this.schemas.delete(k));
      this.schemas.set(k, listing);
    }
    return listing.then((map) => map.get(rel.identifier.toLowerCase()));
  }

  /** Forget what is known of `rel`'s schema (a rolled-back transaction): the next `get` lists it again. */
  async forget(rel: RelationRef): Promise<void> {
    const k = key(rel.database, rel.schema);
    this.schemas.delete(k);
    this.listed.delete(k);
  }

  /** Record what a materialization left in place (`undefined`: dropped). */
  set(rel: RelationRef, type: RelationType | undefined): Promise<void> {
    const k = key(rel.database, rel.schema);
    const known = this.listed.get(k);
    if (known) {
      record(known, rel, type);
      return Promise.resolve();
    }
    const listing = this.schemas.get(k);
    return listing ? listing.then((map) => record(map, rel, type)) : Promise.resolve();
  }
}

function record(map: Map<string, RelationType>, rel: RelationRef, type: RelationType | undefined): void {
  if (type) map.set(rel.identifier.toLowerCase(), type);
  else map.delete(rel.identifier.toLowerCase());
}
