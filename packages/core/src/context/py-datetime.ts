const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The parts of Python's datetime that dbt templates use on `run_started_at` (UTC, like dbt's). */
export class PyDateTime {
  constructor(readonly date: Date) {}
  get year() { return this.date.getUTCFullYear(); }
  get month() { return this.date.getUTCMonth() + 1; }
  get day() { return this.date.getUTCDate(); }
  get hour() { return this.date.getUTCHours(); }
  get minute() { return this.date.getUTCMinutes(); }
  get second() { return this.date.getUTCSeconds(); }
  get microsecond() { return this.date.getUTCMilliseconds() * 1000; }

  strftime(format: string): string {
    const d = this.date;
    const map: Record<string, string> = {
      Y: String(d.getUTCFullYear()), m: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()), H: pad(d.getUTCHours()),
      M: pad(d.getUTCMinutes()), S: pad(d.getUTCSeconds()), f: pad(d.getUTCMilliseconds() * 1000, 6), y: pad(d.getUTCFullYear() % 100),
      j: pad(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1, 3), A: DAYS[d.getUTCDay()]!,
      a: DAYS[d.getUTCDay()]!.slice(0, 3), B: MONTHS[d.getUTCMonth()]!, b: MONTHS[d.getUTCMonth()]!.slice(0, 3), z: '+0000', Z: 'UTC', '%': '%',
    };
    return format.replace(/%(.)/g, (all, c: string) => map[c] ?? all);
  }
  isoformat(): string {
    return this.strftime('%Y-%m-%dT%H:%M:%S.%f') + '+00:00';
  }
  astimezone(): PyDateTime {
    return this;
  }
  replace(): PyDateTime {
    return this;
  }
  timestamp(): number {
    return this.date.getTime() / 1000;
  }
  toString(): string {
    return this.strftime('%Y-%m-%d %H:%M:%S.%f') + '+00:00';
  }
}
