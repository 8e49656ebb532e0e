import type { Relation } from './relation.js';
import type { RenderScope } from './render-scope.js';

/** Marks where marker `i` sits in a parse render's output; NUL never appears in SQL text. */
export const marker = (i: number) => `\u0000${i}\u0000`;

/**
 * What ref()/source() return during a parse render: prints as a marker that compile replaces with the resolved
 * relation. Reading any part of it (`.schema`, `.include()` ...) would see parse-time values, so it marks the
 * render impure and answers from the placeholder.
 */
export class MarkerRelation {
  constructor(
    private readonly scope: RenderScope,
    private readonly placeholder: Relation,
    private readonly index: number,
  ) {}
  private read(): Relation {
    this.scope.impure = true;
    return this.placeholder;
  }
  get database() { return this.read().database; }
  get schema() { return this.read().schema; }
  get identifier() { return this.read().identifier; }
  get name() { return this.read().name; }
  get table() { return this.read().table; }
  get type() { return this.read().type; }
  get is_table() { return this.read().is_table; }
  get is_view() { return this.read().is_view; }
  get is_cte() { return this.read().is_cte; }
  include(opts?: Record<string, boolean>) { return this.read().include(opts); }
  incorporate(opts?: Record<string, unknown>) { return this.read().incorporate(opts); }
  quote(...args: unknown[]) { return (this.read() as unknown as { quote?: (...a: unknown[]) => unknown }).quote?.(...args); }
  render(): string {
    return marker(this.index);
  }
  toString(): string {
    return marker(this.index);
  }
  toJSON() { return this.read().toJSON(); }
}
