import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// tedious's own list of transient server errors (the SqlClient list); read from the driver rather than copied.
const { TransientErrorLookup } = require('tedious/lib/transient-error-lookup.js') as {
  TransientErrorLookup: new () => { isTransientError(n: number): boolean };
};
const lookup = new TransientErrorLookup();

/** Socket-level failures mssql and tedious report: the connection dropped (tedious: ECLOSE) or timed out. */
const TRANSIENT_CODES = new Set(['ESOCKET', 'ECONNCLOSED', 'ECLOSE', 'ETIMEOUT', 'ECONNRESET', 'EPIPE']);
/** 1205 deadlock victim, 1222 lock timeout: SQL Server says "rerun the transaction". */
const RETRY_NUMBERS = new Set([1205, 1222]);

/** tedious's notion of transient (its `isTransient` flag and error lookup), plus dropped sockets and deadlocks. */
export function isTransientMssqlError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown; originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause, depth++) {
    const x = e as { isTransient?: boolean; number?: number; code?: string };
    if (x.isTransient) return true;
    if (typeof x.number === 'number' && (lookup.isTransientError(x.number) || RETRY_NUMBERS.has(x.number))) return true;
    if (typeof x.code === 'string' && TRANSIENT_CODES.has(x.code)) return true;
  }
  return false;
}
