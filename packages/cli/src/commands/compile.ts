import type { CommandModule } from 'yargs';
import { compileProject, lazyConnection, loadSelectors, parseProject, renderSql, selectNodes, writeManifest } from '@tsdbt/core';
import { parseOptionsFrom, type GlobalArgs } from '../global-options.js';
import { reportWarnings } from '../report-error.js';

interface CompileArgs extends GlobalArgs {
  select?: string[];
  exclude?: string[];
  selector?: string;
  threads?: number;
  inline?: string;
}

async function compileInline(argv: CompileArgs, sql: string): Promise<void> {
  const project = await parseProject(parseOptionsFrom(argv));
  reportWarnings(project.diagnostics, { projectDir: project.projectDir, format: argv.logFormat, quiet: true });
  const connection = lazyConnection(project.adapter, project.target);
  try {
    const out = await renderSql(project, sql, { execute: true, connection, which: 'compile' }, 'inline');
    process.stdout.write(`${out.trim()}\n`);
  } finally {
    await connection.close();
  }
}

export const compileCommand: CommandModule<object, CompileArgs> = {
  command: 'compile',
  describe: 'Render the selected models, tests and analyses to SQL under target/compiled/',
  builder: (y) =>
    y
      .options({
        select: { type: 'string', array: true, alias: ['s', 'models', 'm'], describe: 'Nodes to compile (dbt selection syntax)' },
        exclude: { type: 'string', array: true, describe: 'Nodes to leave out' },
        selector: { type: 'string', describe: 'A named selector from selectors.yml' },
        threads: { type: 'number', describe: "Threads (default: the target's threads)" },
        inline: { type: 'string', describe: 'Compile this SQL (with ref/source/macros) and print it' },
      })
      .strict()
      .example('$0 compile', 'Compile every model, test and analysis')
      .strict()
      .example('$0 compile -s orders+', 'Compile orders and everything downstream of it')
      .example(`$0 compile --inline "select * from {{ ref('orders') }}"`, 'Print one compiled statement') as never,
  handler: async (argv) => {
    if (argv.inline !== undefined) {
      await compileInline(argv, argv.inline);
      argv.exitCode = 0;
      return;
    }
    const project = await parseProject(parseOptionsFrom(argv));
    reportWarnings(project.diagnostics, { projectDir: project.projectDir, format: argv.logFormat, quiet: argv.quiet });
    const ids = selectNodes(project.manifest, {
      select: argv.select, exclude: argv.exclude, selector: argv.selector, selectors: loadSelectors(project.projectDir),
    });
    try {
      const result = await compileProject(project, ids);
      if (!argv.quiet && result.compiled.length === 1 && argv.select?.length) {
        process.stdout.write(`Compiled node '${project.manifest.nodes[result.compiled[0]!.uniqueId]!.name}' is:\n${result.compiled[0]!.sql.trim()}\n`);
      } else if (!argv.quiet) process.stdout.write(`Compiled ${result.compiled.length} nodes to ${project.targetPath}/compiled\n`);
    } finally {
      await writeManifest(project);
    }
    argv.exitCode = 0;
  },
};
