/** Jinja's `loop` variable. */
import { pyEq } from './py-values.js';

export class Loop {
  index0 = 0;
  readonly length: number;
  private lastChanged: unknown[] | undefined;

  constructor(
    private readonly items: unknown[],
    readonly parent?: unknown,
  ) {
    this.length = items.length;
  }

  get index(): number {
    return this.index0 + 1;
  }
  get revindex(): number {
    return this.length - this.index0;
  }
  get revindex0(): number {
    return this.length - this.index0 - 1;
  }
  get first(): boolean {
    return this.index0 === 0;
  }
  get last(): boolean {
    return this.index0 === this.length - 1;
  }
  get previtem(): unknown {
    return this.index0 > 0 ? this.items[this.index0 - 1] : undefined;
  }
  get nextitem(): unknown {
    return this.index0 < this.length - 1 ? this.items[this.index0 + 1] : undefined;
  }
  /** Recursion depth: always 1, since tsdbt has no `recursive` loops (nested loops each start at 1, as in Jinja). */
  get depth(): number {
    return 1;
  }
  get depth0(): number {
    return this.depth - 1;
  }

  cycle(...values: unknown[]): unknown {
    if (values.length === 0) throw new TypeError('no items for cycling given');
    return values[this.index0 % values.length];
  }

  changed(...values: unknown[]): boolean {
    const changed = this.lastChanged === undefined || !pyEq(values, this.lastChanged);
    this.lastChanged = values;
    return changed;
  }
}
