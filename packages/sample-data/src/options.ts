import { parseArgs } from 'node:util';
import { SampleDataError } from './errors.js';

export interface SampleOptions {
  out?: string;
  mssql?: string;
  /** --existing-tables: fill tables that exist instead of dropping and creating them. */
  existingTables?: boolean;
  fromCsv?: string;
  advance?: number;
  scale: number;
  seed: number;
  help: boolean;
}

export const USAGE = `Usage: tsdbt-sample [options]

Writes deterministic AdventureWorks2019-shaped OLTP data (schemas Sales, Production, Person).

  --out FILE        write an embedded DuckDB source file (replaced if it exists)
  --mssql CONN      fill a SQL Server through mssql (connection string, e.g.
                    "Server=127.0.0.1,1433;Database=aw;User Id=sa;Password=...;Encrypt=false")
  --existing-tables with --mssql: fill tables that already exist (their rows are replaced) instead of
                    dropping and creating them — for a login without DDL rights, or the TDS stand-in
  --scale S         1 ≈ AdventureWorks2019 (19,820 customers, 31,465 orders); 0.01 – 100 (default 1)
  --seed N          another deterministic draw (default 42)
  --advance N       add N days of orders to an existing target and modify some rows (bumped ModifiedDate)
  --from-csv DIR    load real AdventureWorks CSVs (Schema.Table.csv) into --out instead of generating
  -h, --help        show this help`;

function number(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) {
    throw new SampleDataError('SAMPLE_BAD_OPTION', `--${name} must be a number, got "${raw}"`, { exitCode: 2 });
  }
  return n;
}

/** Parses and validates argv once, at the boundary. */
export function parseOptions(argv: string[]): SampleOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' }, mssql: { type: 'string' }, 'from-csv': { type: 'string' },
        advance: { type: 'string' }, scale: { type: 'string' }, seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' }, 'existing-tables': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (cause) {
    throw new SampleDataError('SAMPLE_BAD_OPTION', (cause as Error).message, { exitCode: 2, cause });
  }
  const str = (k: string) => values[k] as string | undefined;
  const options: SampleOptions = {
    out: str('out'), mssql: str('mssql'), existingTables: values['existing-tables'] === true, fromCsv: str('from-csv'),
    advance: str('advance') === undefined ? undefined : number('advance', str('advance'), 0),
    scale: number('scale', str('scale'), 1), seed: number('seed', str('seed'), 42), help: values.help === true,
  };
  if (!options.help) validate(options);
  return options;
}

function validate(o: SampleOptions): void {
  const fail = (message: string) => {
    throw new SampleDataError('SAMPLE_BAD_OPTION', message, { exitCode: 2 });
  };
  if (!o.out && !o.mssql) fail('give a target: --out FILE or --mssql CONNECTION (see --help)');
  if (o.out && o.mssql) fail('give one target: --out or --mssql, not both');
  if (!(o.scale >= 0.01 && o.scale <= 100)) fail(`--scale must be between 0.01 and 100, got ${o.scale}`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) fail(`--seed must be an integer 0 – 4294967295, got ${o.seed}`);
  if (o.advance !== undefined && !(Number.isInteger(o.advance) && o.advance >= 1 && o.advance <= 3660)) {
    fail(`--advance must be a whole number of days from 1 to 3660, got ${o.advance}`);
  }
  if (o.existingTables && !o.mssql) fail('--existing-tables goes with --mssql');
  if (o.fromCsv && !o.out) fail('--from-csv writes an embedded file: give --out FILE');
  if (o.fromCsv && o.advance !== undefined) fail('--from-csv and --advance do not combine: load first, then advance');
}
