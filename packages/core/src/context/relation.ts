import type { Dialect, RelationRef } from '../adapter/types.js';

type Quoting = { database?: boolean; schema?: boolean; identifier?: boolean };

/** dbt's Relation: prints as the warehouse addresses it (via the Dialect); `include()` drops parts. */
export class Relation implements RelationRef {
  database?: string;
  schema: string;
  identifier: string;
  type: string | null;
  private readonly parts: { database: boolean; schema: boolean; identifier: boolean };

  constructor(
    private readonly dialect: Dialect,
    ref: RelationRef & { type?: string | null },
    private readonly quoting?: Quoting,
    include?: { database: boolean; schema: boolean; identifier: boolean },
  ) {
    this.database = ref.database;
    this.schema = ref.schema;
    this.identifier = ref.identifier;
    this.type = ref.type ?? null;
    this.parts = include ?? { database: true, schema: true, identifier: true };
  }

  get name(): string {
    return this.identifier;
  }
  get table(): string {
    return this.identifier;
  }
  get is_table(): boolean {
    return this.type === 'table';
  }
  get is_view(): boolean {
    return this.type === 'view';
  }
  get is_cte(): boolean {
    return false;
  }

  include(opts: Partial<Record<'database' | 'schema' | 'identifier', boolean>> = {}): Relation {
    const { __keywords: _k, ...flags } = opts as Record<string, unknown>;
    return new Relation(this.dialect, this, this.quoting, { ...this.parts, ...(flags as object) });
  }

  incorporate(opts: { path?: Partial<RelationRef>; type?: string } = {}): Relation {
    return new Relation(this.dialect, { ...this, ...(opts.path ?? {}), type: opts.type ?? this.type }, this.quoting, this.parts);
  }

  render(): string {
    const q = this.quoting ?? {};
    if (this.parts.database && this.parts.schema && this.parts.identifier) return this.dialect.renderRelation(this, this.quoting);
    const out: string[] = [];
    if (this.parts.database && this.database) out.push(q.database === false ? this.database : this.dialect.quote(this.database));
    if (this.parts.schema) out.push(q.schema === false ? this.schema : this.dialect.quote(this.schema));
    if (this.parts.identifier) out.push(q.identifier === false ? this.identifier : this.dialect.quote(this.identifier));
    return out.join('.');
  }

  toString(): string {
    return this.render();
  }

  toJSON(): Record<string, unknown> {
    return { database: this.database ?? null, schema: this.schema, identifier: this.identifier, type: this.type };
  }
}

/** What `ref()` returns for an ephemeral model or an override: plain text printed as-is. */
export class RawRelation {
  constructor(
    readonly identifier: string,
    private readonly text: string = identifier,
  ) {}
  get name(): string {
    return this.identifier;
  }
  get is_cte(): boolean {
    return true;
  }
  render(): string {
    return this.text;
  }
  toString(): string {
    return this.text;
  }
}
