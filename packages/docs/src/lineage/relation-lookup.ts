import type { KnownRelation } from './types.js';

/** Finds the relation a table reference in compiled SQL names, by (database, schema, identifier), case-insensitively. */
export class RelationLookup {
  private readonly byName = new Map<string, KnownRelation[]>();

  constructor(relations: Iterable<KnownRelation>) {
    for (const rel of relations) {
      const key = rel.identifier.toLowerCase();
      const list = this.byName.get(key) ?? [];
      list.push(rel);
      this.byName.set(key, list);
    }
  }

  /** Parts as written in SQL: [identifier], [schema, identifier] or [database, schema, identifier]. */
  find(parts: string[]): KnownRelation | undefined {
    const [identifier, schema, database] = [...parts].reverse().map((p) => p.toLowerCase());
    const candidates = (identifier && this.byName.get(identifier)) || [];
    const matches = candidates.filter(
      (rel) =>
        (schema === undefined || rel.schema.toLowerCase() === schema) &&
        (database === undefined || !rel.database || rel.database.toLowerCase() === database),
    );
    // Two relations of the same name in different schemas and no schema written: ambiguous, so do not pick one.
    return matches.length === 1 ? matches[0] : undefined;
  }
}
