/** `modules.re`: Python's re module over JavaScript regular expressions (named groups translated). */
import { PyTuple } from './py-values.js';

const FLAGS = { I: 2, IGNORECASE: 2, M: 8, MULTILINE: 8, S: 16, DOTALL: 16, X: 64, VERBOSE: 64, A: 256, ASCII: 256 };
type Kw = Record<string, unknown>;

function kwOf(args: unknown[]): [unknown[], Kw] {
  const last = args[args.length - 1] as Kw | undefined;
  if (last && typeof last === 'object' && last.__keywords) return [args.slice(0, -1), last];
  return [args, {}];
}

function jsSource(pattern: string, flags: number): string {
  let src = pattern.replace(/\(\?P<(\w+)>/g, '(?<$1>').replace(/\(\?P=(\w+)\)/g, '\\k<$1>').replace(/\\A/g, '^').replace(/\\Z/g, '$');
  if (flags & FLAGS.X) src = src.replace(/\\#/g, '\u0000').replace(/#.*$/gm, '').replace(/\s+/g, '').replace(/\u0000/g, '\\#');
  return src;
}

export class PyPattern {
  readonly re: RegExp;
  constructor(
    readonly pattern: string,
    readonly flags = 0,
  ) {
    let f = 'u';
    if (flags & FLAGS.I) f += 'i';
    if (flags & FLAGS.M) f += 'm';
    if (flags & FLAGS.S) f += 's';
    this.re = new RegExp(jsSource(pattern, flags), f);
  }
  private sticky(extra: string): RegExp {
    return new RegExp(this.re.source, this.re.flags + extra);
  }
  match(s: string): PyMatch | null {
    const re = this.sticky('y');
    const m = re.exec(String(s));
    return m ? new PyMatch(m) : null;
  }
  fullmatch(s: string): PyMatch | null {
    const m = new RegExp(`^(?:${this.re.source})$`, this.re.flags).exec(String(s));
    return m ? new PyMatch(m) : null;
  }
  search(s: string): PyMatch | null {
    const m = this.re.exec(String(s));
    return m ? new PyMatch(m) : null;
  }
  findall(s: string): unknown[] {
    return [...String(s).matchAll(this.sticky('g'))].map((m) => (m.length === 1 ? m[0] : m.length === 2 ? (m[1] ?? '') : PyTuple.of(...m.slice(1).map((g) => g ?? ''))));
  }
  finditer(s: string): PyMatch[] {
    return [...String(s).matchAll(this.sticky('g'))].map((m) => new PyMatch(m));
  }
  sub(repl: unknown, s: string, ...rest: unknown[]): string {
    const [pos, kw] = kwOf(rest);
    const count = Number(kw.count ?? pos[0] ?? 0);
    let n = 0;
    return String(s).replace(this.sticky('g'), (...m: unknown[]) => {
      if (count && n >= count) return m[0] as string;
      n++;
      const groups = m.filter((x) => typeof x === 'string' || x === undefined).slice(0, -1) as string[];
      const match = Object.assign(groups, { index: 0 }) as unknown as RegExpExecArray;
      if (typeof repl === 'function') return String(repl(new PyMatch(match)));
      return String(repl).replace(/\\(\d+)|\\g<(\w+)>/g, (_a, num: string | undefined, name: string | undefined) => {
        const named = (m[m.length - 1] as Record<string, string> | undefined)?.[name ?? ''];
        return (num !== undefined ? groups[Number(num)] : /^\d+$/.test(name!) ? groups[Number(name)] : named) ?? '';
      });
    });
  }
  split(s: string): string[] {
    return String(s).split(this.re);
  }
}

export class PyMatch {
  constructor(private readonly m: RegExpExecArray | RegExpMatchArray) {}
  group(...which: unknown[]): unknown {
    const get = (g: unknown) => (typeof g === 'string' ? this.m.groups?.[g] : this.m[Number(g ?? 0)]) ?? null;
    return which.length <= 1 ? get(which[0]) : PyTuple.of(...which.map(get));
  }
  groups(): PyTuple {
    return PyTuple.of(...this.m.slice(1).map((g) => g ?? null));
  }
  groupdict(): Record<string, unknown> {
    return { ...(this.m.groups ?? {}) };
  }
  start(): number {
    return this.m.index ?? 0;
  }
  end(): number {
    return (this.m.index ?? 0) + this.m[0]!.length;
  }
  span(): PyTuple {
    return PyTuple.of(this.start(), this.end());
  }
  toString(): string {
    return `<re.Match object; span=(${this.start()}, ${this.end()}), match='${this.m[0]}'>`;
  }
}

function flagsOf(rest: unknown[]): number {
  const [pos, kw] = kwOf(rest);
  return Number(kw.flags ?? pos[0] ?? 0);
}

export const reModule = {
  ...FLAGS,
  compile: (p: string, ...rest: unknown[]) => new PyPattern(String(p), flagsOf(rest)),
  match: (p: string, s: string, ...rest: unknown[]) => new PyPattern(String(p), flagsOf(rest)).match(s),
  fullmatch: (p: string, s: string, ...rest: unknown[]) => new PyPattern(String(p), flagsOf(rest)).fullmatch(s),
  search: (p: string, s: string, ...rest: unknown[]) => new PyPattern(String(p), flagsOf(rest)).search(s),
  findall: (p: string, s: string, ...rest: unknown[]) => new PyPattern(String(p), flagsOf(rest)).findall(s),
  finditer: (p: string, s: string, ...rest: unknown[]) => new PyPattern(String(p), flagsOf(rest)).finditer(s),
  split: (p: string, s: string, ...rest: unknown[]) => new PyPattern(String(p), flagsOf(rest)).split(s),
  sub: (p: string, repl: unknown, s: string, ...rest: unknown[]) => {
    const [pos, kw] = kwOf(rest);
    return new PyPattern(String(p), Number(kw.flags ?? pos[1] ?? 0)).sub(repl, s, { __keywords: true, count: kw.count ?? pos[0] ?? 0 });
  },
  escape: (s: string) => String(s).replace(/[.*+?^${}()|[\]\\\-#&~\s]/g, '\\$&'),
};
