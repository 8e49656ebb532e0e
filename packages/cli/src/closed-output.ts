/**
 * `tsdbt build | head`: once the reader of stdout or stderr has gone, the console output is dropped and the command
 * runs to its end (dbt.log and target/ still record everything), instead of dying mid-build on an unhandled EPIPE.
 * A stream that failed is destroyed, and Node ignores later writes to a destroyed stream.
 */
export function ignoreClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}
