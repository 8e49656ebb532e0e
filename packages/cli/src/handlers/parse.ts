import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Beside manifest.json: the "Found …" line of the manifest whose size and mtime it names. */
const SUMMARY_FILE = 'tsdbt_parse_summary.json';

/**
 * The "Found …" line. A reused parse (nothing changed) never reads manifest.json, but counting its nodes would:
 * 0.4 s at 10,000 models. So the line is kept beside the manifest, keyed by its size and mtime as partial parse
 * keys the manifest itself, and recounted whenever the manifest was rewritten.
 */
function summaryLine(project: ParsedProject, manifestPath: string): string {
  const stat = statSync(manifestPath, { throwIfNoEntry: false });
  const key = stat ? `${stat.size}:${stat.mtimeMs}` : undefined;
  const file = join(project.targetPath, SUMMARY_FILE);
  const untouched = project.partialParse?.reused && project.manifestLoaded && !project.manifestLoaded();
  if (untouched && key) {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { manifest?: string; line?: unknown };
      if (saved.manifest === key && typeof saved.line === 'string') return saved.line;
    } catch {
      // No or damaged cache: count.
    }
  }
  const line = foundSummary(project);
  if (key) {
    try {
      writeFileSync(file, JSON.stringify({ manifest: key, line }));
    } catch {
      // Only costs the next parse a count.
    }
  }
  return line;
}

/** `tsdbt parse`: writes target/manifest.json and prints what it found. */
export async function parseHandler(argv: GlobalArgs): Promise<number> {
  const project = await parseProject(parseOptionsFrom(argv));
  reportWarnings(project.diagnostics, { projectDir: project.projectDir, format: argv.logFormat, quiet: argv.quiet });
  // --no-write-json: no manifest.json, as dbt.
  const path = argv.writeJson === false ? undefined : await writeManifest(project);
  if (!argv.quiet) {
    const line = path ? summaryLine(project, path) : foundSummary(project);
    if (argv.logFormat === 'json') process.stdout.write(`${JSON.stringify({ level: 'info', message: line, manifest: path })}\n`);
    else process.stdout.write(`${line}\n${path ? `Wrote ${path}\n` : ''}`);
  }
  return 0;
}
