/** Jinja's `loop` variable. */
import { TsdbtError } from '../diagnostics/diagnostic.js';
import { pyEq } from './py-values.js';

/** Renders a `recursive` loop's body for an iterable, one level deeper (`depth0` of the new level). */
export type Recurse = (iterable: unknown, depth0: number) => string;

const NOT_RECURSIVE = "The loop must have the 'recursive' marker to be called recursively.";

export class Loop {
  index0 = 0;
  readonly length: number;
  private lastChanged: unknown[] | undefined;

  /** `depth0` and `recurse` are set for the levels of a `recursive` loop only (a plain loop is always depth 1). */
  constructor(
    private readonly items: unknown[],
    readonly parent?: unknown,
    readonly depth0 = 0,
    private readonly recurse?: Recurse,
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
  /** 1-based recursion level: nested loops each start at 1, only `loop(children)` goes deeper (as in Jinja). */
  get depth(): number {
    return this.depth0 + 1;
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

  /** As Jinja prints it (`{{ loop }}`). */
  toString(): string {
    return `<LoopContext ${this.index}/${this.length}>`;
  }

  /** `loop(iterable)`: the body of a `recursive` loop rendered for `iterable`, as a string (Jinja's LoopContext.__call__). */
  call(args: unknown[], kw: Record<string, unknown> | null): string {
    if (!this.recurse) {
      throw new TsdbtError('TSDBT_JINJA_RENDER', NOT_RECURSIVE, {
        cause: new TypeError(NOT_RECURSIVE),
        hint: 'Mark the loop recursive, last in its tag: {% for item in items recursive %} … {{ loop(item.children) }} … {% endfor %}',
      });
    }
    const hasKw = kw !== null && Object.hasOwn(kw, 'iterable');
    const extra = kw ? Object.keys(kw).find((k) => k !== 'iterable') : undefined;
    if (extra !== undefined) throw new TypeError(`loop() got an unexpected keyword argument '${extra}'`);
    if (hasKw && args.length > 0) throw new TypeError("loop() got multiple values for argument 'iterable'");
    if (args.length > 1) throw new TypeError(`loop() takes 1 positional argument but ${args.length} were given`);
    if (!hasKw && args.length === 0) throw new TypeError("loop() missing 1 required positional argument: 'iterable'");
    return this.recurse(hasKw ? kw!.iterable : args[0], this.depth0 + 1);
  }
}
