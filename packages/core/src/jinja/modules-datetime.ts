/** `modules.datetime`: the parts of Python's datetime module dbt projects use (naive times, in UTC). */
const pad = (n: number, w = 2) => String(Math.trunc(n)).padStart(w, '0');
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_MS = 86_400_000;

type Kw = Record<string, unknown>;

/** Splits nunjucks-style trailing `__keywords` objects off a call's arguments. */
function split(args: unknown[]): [number[], Kw] {
  const last = args[args.length - 1] as Kw | undefined;
  if (last && typeof last === 'object' && last.__keywords) return [args.slice(0, -1).map(Number), last];
  return [args.map(Number), {}];
}

export class PyTimedelta {
  constructor(readonly ms: number) {}
  get days(): number { return Math.floor(this.ms / DAY_MS); }
  get seconds(): number { return Math.floor((this.ms - this.days * DAY_MS) / 1000); }
  get microseconds(): number { return (this.ms % 1000) * 1000; }
  total_seconds(): number { return this.ms / 1000; }
  valueOf(): number { return this.ms; }
  __add__(o: unknown): unknown {
    if (o instanceof PyTimedelta) return new PyTimedelta(this.ms + o.ms);
    if (o instanceof PyDate) return o.__add__(this);
    throw new TypeError('unsupported operand for +');
  }
  __sub__(o: unknown): PyTimedelta {
    if (o instanceof PyTimedelta) return new PyTimedelta(this.ms - o.ms);
    throw new TypeError('unsupported operand for -');
  }
  toString(): string {
    const rest = this.seconds;
    const time = `${Math.floor(rest / 3600)}:${pad((rest % 3600) / 60)}:${pad(rest % 60)}`;
    const days = this.days ? `${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}, ` : '';
    return days + time + (this.microseconds ? `.${pad(this.microseconds, 6)}` : '');
  }
}

export class PyDate {
  constructor(readonly d: Date) {}
  get year(): number { return this.d.getUTCFullYear(); }
  get month(): number { return this.d.getUTCMonth() + 1; }
  get day(): number { return this.d.getUTCDate(); }
  protected make(d: Date): this { return new (this.constructor as new (d: Date) => this)(d); }
  weekday(): number { return (this.d.getUTCDay() + 6) % 7; }
  isoweekday(): number { return this.weekday() + 1; }
  valueOf(): number { return this.d.getTime(); }
  __add__(o: unknown): unknown {
    if (o instanceof PyTimedelta) return this.make(new Date(this.d.getTime() + o.ms));
    throw new TypeError('unsupported operand for +');
  }
  __radd__(o: unknown): unknown { return this.__add__(o); }
  __sub__(o: unknown): unknown {
    if (o instanceof PyTimedelta) return this.make(new Date(this.d.getTime() - o.ms));
    if (o instanceof PyDate) return new PyTimedelta(this.d.getTime() - o.d.getTime());
    throw new TypeError('unsupported operand for -');
  }
  replace(...args: unknown[]): this {
    const [, kw] = split(args);
    const d = new Date(this.d);
    if (kw.year !== undefined) d.setUTCFullYear(Number(kw.year));
    if (kw.month !== undefined) d.setUTCMonth(Number(kw.month) - 1);
    if (kw.day !== undefined) d.setUTCDate(Number(kw.day));
    if (kw.hour !== undefined) d.setUTCHours(Number(kw.hour));
    if (kw.minute !== undefined) d.setUTCMinutes(Number(kw.minute));
    if (kw.second !== undefined) d.setUTCSeconds(Number(kw.second));
    if (kw.microsecond !== undefined) d.setUTCMilliseconds(Number(kw.microsecond) / 1000);
    return this.make(d);
  }
  strftime(format: string): string {
    const d = this.d;
    const map: Record<string, () => string> = {
      Y: () => String(d.getUTCFullYear()), m: () => pad(d.getUTCMonth() + 1), d: () => pad(d.getUTCDate()),
      H: () => pad(d.getUTCHours()), M: () => pad(d.getUTCMinutes()), S: () => pad(d.getUTCSeconds()),
      f: () => pad(d.getUTCMilliseconds() * 1000, 6), y: () => pad(d.getUTCFullYear() % 100),
      I: () => pad(((d.getUTCHours() + 11) % 12) + 1), p: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
      j: () => pad((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS + 1, 3),
      A: () => DAYS[this.weekday()]!, a: () => DAYS[this.weekday()]!.slice(0, 3),
      B: () => MONTHS[d.getUTCMonth()]!, b: () => MONTHS[d.getUTCMonth()]!.slice(0, 3),
      w: () => String(d.getUTCDay()), z: () => '', Z: () => '', '%': () => '%',
    };
    return format.replace(/%(.)/g, (all, c: string) => (map[c] ? map[c]!() : all));
  }
  isoformat(): string { return this.strftime('%Y-%m-%d'); }
  toString(): string { return this.isoformat(); }
}

export class PyDatetime extends PyDate {
  get hour(): number { return this.d.getUTCHours(); }
  get minute(): number { return this.d.getUTCMinutes(); }
  get second(): number { return this.d.getUTCSeconds(); }
  get microsecond(): number { return this.d.getUTCMilliseconds() * 1000; }
  date(): PyDate { return new PyDate(new Date(Date.UTC(this.year, this.month - 1, this.day))); }
  timestamp(): number { return this.d.getTime() / 1000; }
  astimezone(): PyDatetime { return this; }
  override isoformat(sep = 'T'): string {
    return this.strftime(`%Y-%m-%d${sep}%H:%M:%S`) + (this.microsecond ? this.strftime('.%f') : '');
  }
  override toString(): string { return this.isoformat(" "); }
}

function strptime(s: string, format: string): PyDatetime {
  const parts: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0, f: 0 };
  const order: string[] = [];
  const re = format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%([YmdHMSfy%])/g, (_a, c: string) => {
    if (c === '%') return '%';
    order.push(c);
    return c === 'Y' ? '(\\d{4})' : c === 'f' ? '(\\d{1,6})' : '(\\d{1,2})';
  });
  const m = new RegExp(`^${re}$`).exec(s);
  if (!m) throw new Error(`time data '${s}' does not match format '${format}'`);
  order.forEach((c, i) => (parts[c === 'y' ? 'Y' : c] = c === 'y' ? 2000 + Number(m[i + 1]) : Number(m[i + 1])));
  return new PyDatetime(new Date(Date.UTC(parts.Y!, parts.m! - 1, parts.d, parts.H, parts.M, parts.S, parts.f! / 1000)));
}

function datetime(...args: unknown[]): PyDatetime {
  const [[y, mo, d, h = 0, mi = 0, s = 0, us = 0]] = split(args);
  return new PyDatetime(new Date(Date.UTC(y!, mo! - 1, d, h, mi, s, us / 1000)));
}
datetime.now = () => new PyDatetime(new Date());
datetime.utcnow = datetime.now;
datetime.today = datetime.now;
datetime.strptime = strptime;
datetime.fromtimestamp = (t: number) => new PyDatetime(new Date(Number(t) * 1000));
datetime.fromisoformat = (s: string) => new PyDatetime(new Date(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : s + 'Z'));

function date(...args: unknown[]): PyDate {
  const [[y, m, d]] = split(args);
  return new PyDate(new Date(Date.UTC(y!, m! - 1, d)));
}
date.today = () => datetime.now().date();
date.fromisoformat = (s: string) => new PyDate(new Date(`${s}T00:00:00Z`));

function timedelta(...args: unknown[]): PyTimedelta {
  const [[days = 0, seconds = 0, microseconds = 0, milliseconds = 0, minutes = 0, hours = 0, weeks = 0], kw] = split(args);
  const n = (k: string, v: number) => (kw[k] === undefined ? v : Number(kw[k]));
  const ms =
    n('days', days) * DAY_MS + n('seconds', seconds) * 1000 + n('microseconds', microseconds) / 1000 + n('milliseconds', milliseconds) +
    n('minutes', minutes) * 60_000 + n('hours', hours) * 3_600_000 + n('weeks', weeks) * 7 * DAY_MS;
  return new PyTimedelta(ms);
}

export const datetimeModule = { datetime, date, timedelta, MINYEAR: 1, MAXYEAR: 9999 };
