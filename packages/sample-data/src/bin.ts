import { parseOptions, USAGE } from './options.js';
import { runSample } from './run.js';

/** `tsdbt-sample`: thin entry; coded errors print one line and exit non-zero, with no stack trace. */
async function main(argv: string[]): Promise<number> {
  try {
    const options = parseOptions(argv);
    if (options.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const started = Date.now();
    const result = await runSample(options);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`tsdbt-sample: ${result.action} ${result.target} in ${secs}s\n`);
    for (const [table, n] of Object.entries(result.rows)) process.stdout.write(`  ${table.padEnd(34)} ${String(n).padStart(10)}\n`);
    return 0;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (err.code?.startsWith('SAMPLE_')) {
      process.stderr.write(`tsdbt-sample: error ${err.code}: ${err.message}\n`);
      return err.exitCode ?? 1;
    }
    process.stderr.write(`tsdbt-sample: unexpected error: ${err.message ?? String(e)}\n`);
    if (process.env.TSDBT_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 1;
  }
}

// A closed pipe (`tsdbt-sample … | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});
process.exitCode = await main(process.argv.slice(2));
