// A Snowflake SQL error: answered as HTTP 200 with success false and this code (never a 5xx, which the driver retries).
export class SfError extends Error {
  constructor(code, message, sqlState = '42000') {
    super(message);
    this.code = code;
    this.sqlState = sqlState;
  }
}

/** Map a DuckDB error to the Snowflake code and message a user of the real service would see. */
export function fromDuckDbError(err) {
  const msg = String(err?.message ?? err);
  if (/interrupted/i.test(msg)) return new SfError('000604', 'SQL execution canceled', '57014');
  const missing = /(?:Table|View|Schema|Catalog) with name "?([^"\s]+)"? does not exist/i.exec(msg);
  if (missing) return new SfError('002003', `SQL compilation error:\nObject '${missing[1]}' does not exist or not authorized.\n(${firstLine(msg)})`, '02000');
  if (/^Binder Error: Referenced column/i.test(msg) || /column .* not found/i.test(msg)) return new SfError('000904', `SQL compilation error: error line 0 at position 0\ninvalid identifier (${firstLine(msg)})`, '42000');
  if (/^Parser Error/i.test(msg)) return new SfError('001003', `SQL compilation error:\nsyntax error (${firstLine(msg)})`, '42000');
  if (/^Conversion Error/i.test(msg)) return new SfError('100038', `Numeric value is not recognized (${firstLine(msg)})`, '22018');
  // Snowflake enforces NOT NULL only, and says so in these words.
  if (/NOT NULL constraint failed/i.test(msg)) return new SfError('100072', 'NULL result in a non-nullable column', '22000');
  if (/^Constraint Error/i.test(msg)) return new SfError('100072', firstLine(msg), '22000');
  if (/already exists/i.test(msg)) return new SfError('002002', `SQL compilation error:\n${firstLine(msg)}`, '42710');
  if (/Conflict/i.test(msg)) return new SfError('000625', `Statement aborted: ${firstLine(msg)}`, '57014');
  return new SfError('002140', `SQL compilation error:\n${firstLine(msg)}`, '42601');
}

function firstLine(s) {
  return s.split('\n')[0];
}
