import { writeFreshFile, writeInfo } from './duckdb-file.js';
import { LAST_ORDER_DAY } from './generate/demand.js';
import { generate } from './generate/generate.js';
import type { GenerateOptions } from './generate/generate.js';
import { DuckDBSink } from './sinks/duckdb-sink.js';

/** Generates a source at a scale and seed into a new embedded DuckDB file (replacing any file at `path`). */
export async function writeGeneratedFile(path: string, options: GenerateOptions): Promise<void> {
  await writeFreshFile(path, async (conn) => {
    const sink = await DuckDBSink.open(conn, true);
    try {
      await generate(sink, options);
    } finally {
      sink.close();
    }
    await writeInfo(conn, { scale: options.scale, seed: options.seed, source: 'generated', asOfDay: LAST_ORDER_DAY });
  });
}
