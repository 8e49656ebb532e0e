import type { CommandModule } from 'yargs';
import { parseProject, writeManifest, type ParsedProject } from '@tsdbt/core';
import { parseOptionsFrom, type GlobalArgs } from '../global-options.js';
import { reportWarnings } from '../report-error.js';

/** dbt's "Found 3 models, 6 data tests, 2 seeds, 1 source, 420 macros" line. */
export function foundSummary(project: ParsedProject): string {
  const m = project.manifest;
  const count = new Map<string, number>();
  for (const n of Object.values(m.nodes)) count.set(n.resource_type, (count.get(n.resource_type) ?? 0) + 1);
  const parts: [number, string][] = [
    [count.get('model') ?? 0, 'model'], [count.get('snapshot') ?? 0, 'snapshot'], [count.get('analysis') ?? 0, 'analysis'],
    [count.get('seed') ?? 0, 'seed'], [count.get('test') ?? 0, 'data test'], [Object.keys(m.sources).length, 'source'],
    [Object.keys(m.exposures).length, 'exposure'], [Object.keys(m.unit_tests).length, 'unit test'], [Object.keys(m.macros).length, 'macro'],
  ];
  const plural = (n: number, w: string) => `${n} ${n === 1 ? w : w === 'analysis' ? 'analyses' : `${w}s`}`;
  return `Found ${parts.filter(([n]) => n > 0).map(([n, w]) => plural(n, w)).join(', ')}`;
}

export const parseCommand: CommandModule<object, GlobalArgs> = {
  command: 'parse',
  describe: 'Parse the project (config, property YAML, templates) and write target/manifest.json',
  builder: (y) =>
    y
      .strict()
      .example('$0 parse', 'Parse the project in the current folder')
      .strict()
      .example('$0 parse --project-dir examples/jaffle_shop --target prod', 'Parse another project against its prod target')
      .example("$0 parse --vars '{start_date: 2024-01-01}'", 'Parse with variables') as never,
  handler: async (argv) => {
    const project = await parseProject(parseOptionsFrom(argv));
    reportWarnings(project.diagnostics, { projectDir: project.projectDir, format: argv.logFormat, quiet: argv.quiet });
    const path = await writeManifest(project);
    if (!argv.quiet) {
      if (argv.logFormat === 'json') process.stdout.write(`${JSON.stringify({ level: 'info', message: foundSummary(project), manifest: path })}\n`);
      else process.stdout.write(`${foundSummary(project)}\nWrote ${path}\n`);
    }
    argv.exitCode = 0;
  },
};
