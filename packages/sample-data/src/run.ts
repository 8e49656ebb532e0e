import type { SampleOptions } from './options.js';
import { writeGeneratedFile } from './write-generated.js';
import { SampleDataError } from './errors.js';

import type { RunResult } from './run-result.js';

/** Dispatches the parsed options to the right writer. */
export async function runSample(o: SampleOptions): Promise<RunResult> {
  if (o.out && o.fromCsv) {
    const { loadCsvFolder } = await import('./from-csv.js');
    return loadCsvFolder(o.fromCsv, o.out);
  }
  if (o.out && o.advance !== undefined) {
    const { advanceFile } = await import('./advance-file.js');
    return advanceFile(o.out, o.advance);
  }
  if (o.out) {
    await writeGeneratedFile(o.out, { scale: o.scale, seed: o.seed });
    const { countRows } = await import('./count-rows.js');
    return { target: o.out, action: 'generated', rows: await countRows(o.out) };
  }
  if (o.mssql) {
    const { runMssql } = await import('./mssql-target.js');
    return runMssql(o.mssql, o);
  }
  throw new SampleDataError('SAMPLE_BAD_OPTION', 'nothing to do', { exitCode: 2 });
}
