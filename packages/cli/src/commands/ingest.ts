import type { Argv, CommandModule } from 'yargs';
import type { GlobalArgs } from '../global-options.js';
import type { IngestArgs } from '../handlers/ingest.js';

/** `tsdbt ingest`: copy the source tables into the warehouse's staging schema (dlt-like, incremental, atomic). */
export const ingestCommand: CommandModule<GlobalArgs, IngestArgs> = {
  command: 'ingest',
  describe: 'Load raw tables from SQL Server (or the embedded source file) into the warehouse',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('config', { type: 'string', describe: 'Ingest config file, relative to the project (default: ingest.yml)' })
      .option('tables', { type: 'string', array: true, describe: 'Load only these tables (Schema.Table, Table or destination name)' })
      .option('full-refresh', { type: 'boolean', default: false, describe: 'Drop the cursor state and reload every table from scratch' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Print the plan (tables, columns, types, cursors) and load nothing' })
      .option('status', { type: 'boolean', default: false, describe: 'Print the last loads and the cursor state' }) as Argv<IngestArgs>,
  handler: async (argv) => {
    const { ingestHandler } = await import('../handlers/ingest.js');
    await ingestHandler(argv);
  },
};
