import type { Connection, RelationRef, RelationType } from '@tsdbt/core';

const key = (database: string | undefined, schema: string): string => `${database ?? ''}.${schema}`.toLowerCase();

/**
 * What exists in the warehouse, listed once per schema and then kept up to date by the runner as it builds (dbt's
 * relation cache): a 1,000-model run asks the catalog once per schema, not once per model.
 */
export class RelationCache {
  private readonly schemas = new Map<string, Promise<Map<string, RelationType>>>();

  async get(conn: Connection, rel: RelationRef): Promise<RelationType | undefined> {
    const k = key(rel.database, rel.schema);
    let listing = this.schemas.get(k);
    if (!listing) {
      listing = conn.listRelations(rel.database, rel.schema).then((rs) => new Map(rs.map((r) => [r.identifier.toLowerCase(), r.type])));
      listing.catch(() => this.schemas.delete(k));
      this.schemas.set(k, listing);
    }
    return (await listing).get(rel.identifier.toLowerCase());
  }

  /** Forget what is known of `rel`'s schema (a rolled-back transaction): the next `get` lists it again. */
  async forget(rel: RelationRef): Promise<void> {
    this.schemas.delete(key(rel.database, rel.schema));
  }

  /** Record what a materialization left in place (`undefined`: dropped). */
  async set(rel: RelationRef, type: RelationType | undefined): Promise<void> {
    const listing = this.schemas.get(key(rel.database, rel.schema));
    if (!listing) return;
    const map = await listing;
    if (type) map.set(rel.identifier.toLowerCase(), type);
    else map.delete(rel.identifier.toLowerCase());
  }
}
