import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

// The bundle bin/tsdbt.js runs (packages/cli/scripts/bundle.mjs) must behave as the tsc build it is made from.
// It is built afresh from the current dist/ into a folder of its own, so that this test never runs a stale bundle.
const root = fileURLToPath(new URL('../..', import.meta.url));
const tscBin = join(root, 'packages/cli/dist/bin.js');
const outdir = join(root, 'packages/cli/dist', `bundle-test-${process.pid}`);
const projects = join(root, 'test/fixtures/projects');

function run(bin: string, args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command with both builds, each on its own copy of `fixture`; the project folder reads as <dir>. */
function both(fixture: string | undefined, args: (dir: string) => string[]) {
  return [tscBin, join(outdir, 'bin.js')].map((bin) => {
    const dir = fixture ? join(tempDir('tsdbt-bundle-'), fixture) : root;
    if (fixture) cpSync(join(projects, fixture), dir, { recursive: true });
    const r = run(bin, args(dir), dir);
    const clean = (s: string) => s.replaceAll(dir, '<dir>').replace(/\d\d:\d\d:\d\d/g, 'HH:MM:SS').replace(/\d+(\.\d+)?( ?s\b| seconds)/g, 'N$2');
    return { code: r.code, stdout: clean(r.stdout), stderr: clean(r.stderr), dir };
  });
}

describe.skipIf(!existsSync(tscBin))('the bundled CLI', () => {
  beforeAll(() => {
    const r = spawnSync(process.execPath, [join(root, 'packages/cli/scripts/bundle.mjs'), '--outdir', outdir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it.each(['--version', '--help', 'run --help', 'pars', 'parse --bogus'])('prints what the tsc build prints: tsdbt %s', (line) => {
    const [tsc, bundled] = both(undefined, () => line.split(' '));
    expect(bundled).toEqual(tsc);
  });

  it('parses, lists and compiles a project as the tsc build does, and reports a broken project the same way', () => {
    for (const [fixture, args] of [
      ['core_basic', (d: string) => ['parse', '--project-dir', d]],
      ['core_basic', (d: string) => ['ls', '--project-dir', d]],
      ['core_basic', (d: string) => ['compile', '--project-dir', d, '--inline', "select * from {{ ref('stg_orders') }} {{ cents('x') }}"]],
      ['core_bad_yaml', (d: string) => ['parse', '--project-dir', d, '--profiles-dir', join(projects, 'core_profiles')]],
      ['core_missing_ref', (d: string) => ['parse', '--project-dir', d, '--profiles-dir', join(projects, 'core_profiles')]],
    ] as const) {
      const [tsc, bundled] = both(fixture, args);
      expect({ ...bundled, dir: '' }, `${fixture} ${args('<dir>').join(' ')}`).toEqual({ ...tsc, dir: '' });
    }
  });

  it('builds on DuckDB (the native driver loads from node_modules) and generates the docs site with its assets', () => {
    const [tsc, bundled] = both('runner-basic', (d) => ['build', '--project-dir', d, '--profiles-dir', d]);
    expect(tsc.code, tsc.stdout + tsc.stderr).toBe(0);
    // Four threads: the same lines, not always in the same order (nor numbered alike).
    const lines = (r: typeof tsc) => ({ code: r.code, stdout: r.stdout.replace(/\b\d+ of (\d+)/g, 'i of $1').split('\n').sort(), stderr: r.stderr });
    expect(lines(bundled)).toEqual(lines(tsc));
    const docs = run(join(outdir, 'bin.js'), ['docs', 'generate', '--project-dir', bundled.dir, '--profiles-dir', bundled.dir], bundled.dir);
    expect(docs.code, docs.stderr).toBe(0);
    const target = join(bundled.dir, 'target');
    expect(readdirSync(join(target, 'assets')).sort()).toEqual(expect.arrayContaining(['chart.umd.min.js', 'dagre.min.js', 'style.css']));
    expect(readFileSync(join(target, 'index.html'), 'utf8')).toContain('<html');
  });

  it('leaves only the driver SDKs and Node built-ins outside (no second copy of an @tsdbt package)', () => {
    const meta = join(outdir, '..', `bundle-test-${process.pid}.meta.json`);
    const r = spawnSync(process.execPath, [join(root, 'packages/cli/scripts/bundle.mjs'), '--outdir', `${outdir}-2`, '--metafile', meta], { encoding: 'utf8' });
    rmSync(`${outdir}-2`, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    const metafile = JSON.parse(readFileSync(meta, 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, { imports: { path: string; external?: boolean }[] }> };
    rmSync(meta);
    // The shipped adapters are inside, on the bundle's one copy of @tsdbt/core.
    const inputs = Object.keys(metafile.inputs);
    for (const file of ['adapters/duckdb/dist/index.js', 'adapters/snowflake/dist/index.js', 'core/dist/index.js']) expect(inputs.some((i) => i.endsWith(file)), file).toBe(true);
    const outputs = Object.values(metafile.outputs);
    const external = [...new Set(outputs.flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)))];
    const drivers = ['@duckdb/node-api', 'snowflake-sdk', 'mssql', 'tedious', 'playwright-core', 'nunjucks'];
    expect(external.filter((p) => !p.startsWith('node:') && !builtinModules.includes(p) && !drivers.includes(p))).toEqual([]);
    expect(external).toContain('@duckdb/node-api');
  });
});
