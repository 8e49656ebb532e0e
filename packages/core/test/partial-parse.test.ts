import { cpSync, mkdtempSync, writeFileSync, appendFileSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileNode, parseProject, writeManifest } from '@tsdbt/core';
import { fixture } from './helpers.js';
import { parseOutputReuses } from '../src/compile/parse-output.js';

function copy(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tsdbt-pp-')), name);
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

describe('partial parsing (target/partial_parse.json)', () => {
  it('reuses the last parse when nothing changed, and re-parses when a file, --vars or an env var changes', async () => {
    const projectDir = copy('core_basic');
    const first = await parseProject({ projectDir });
    expect(first.partialParse?.reused).toBe(false);
    await writeManifest(first);

    const second = await parseProject({ projectDir });
    expect(second.partialParse?.reused).toBe(true);
    expect(Object.keys(second.manifest.nodes).sort()).toEqual(Object.keys(first.manifest.nodes).sort());
    expect(second.docs.get('core_basic.stg_orders')).toBe('Orders, one row per order, cleaned.');
    const sql = await compileNode(second, 'model.core_basic.stg_orders', { execute: true });
    expect(sql).toContain('"memory"."main_raw"."raw_orders"');
    await writeManifest(second);

    // --threads does not change what a parse produces (dbt leaves it out of its check too).
    const threads = await parseProject({ projectDir, threads: 7 });
    expect(threads.partialParse?.reused).toBe(true);
    expect(threads.target.threads).toBe(7);
    expect((await parseProject({ projectDir, vars: '{min_amount: 5}' })).partialParse?.reused).toBe(false);
    expect((await parseProject({ projectDir, noPartialParse: true })).partialParse?.reused).toBe(false);
    process.env.TSDBT_TEST_THREADS = '3';
    try {
      expect((await parseProject({ projectDir })).partialParse?.reused).toBe(false);
    } finally {
      delete process.env.TSDBT_TEST_THREADS;
    }
    expect((await parseProject({ projectDir })).partialParse?.reused).toBe(true);

    appendFileSync(join(projectDir, 'models/staging/stg_orders.sql'), '\n-- edited\n');
    const edited = await parseProject({ projectDir });
    expect(edited.partialParse?.reused).toBe(false);
    expect(edited.manifest.nodes['model.core_basic.stg_orders']!.raw_code).toContain('-- edited');
  });

  it('a partial_parse.json written by another tsdbt version is not reused; one of this version is', async () => {
    const projectDir = copy('core_basic');
    await writeManifest(await parseProject({ projectDir }));
    const state = join(projectDir, 'target', 'partial_parse.json');
    const saved = JSON.parse(readFileSync(state, 'utf8')) as { version: string };
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(saved.version.split('+')[0]).toBe(version);
    expect((await parseProject({ projectDir })).partialParse?.reused).toBe(true);

    // The manifest is left as it was: only the recorded version differs.
    writeFileSync(state, JSON.stringify({ ...saved, version: '0.0.1' }));
    const upgraded = await parseProject({ projectDir });
    expect(upgraded.partialParse?.reused).toBe(false);
    await writeManifest(upgraded);
    expect((JSON.parse(readFileSync(state, 'utf8')) as { version: string }).version).toBe(saved.version);
    expect((await parseProject({ projectDir })).partialParse?.reused).toBe(true);
  });

  it('a new file is noticed', async () => {
    const projectDir = copy('core_basic');
    await writeManifest(await parseProject({ projectDir }));
    writeFileSync(join(projectDir, 'models/new_model.sql'), "select * from {{ ref('orders') }}\n");
    const p = await parseProject({ projectDir });
    expect(p.partialParse?.reused).toBe(false);
    expect(p.manifest.nodes['model.core_basic.new_model']).toBeDefined();
  });

  it('a deleted file is noticed', async () => {
    const projectDir = copy('core_basic');
    await writeManifest(await parseProject({ projectDir }));
    expect(Object.keys((await parseProject({ projectDir })).manifest.nodes)).toContain('test.core_basic.assert_positive');
    rmSync(join(projectDir, 'tests/assert_positive.sql'));
    const p = await parseProject({ projectDir });
    expect(p.partialParse?.reused).toBe(false);
    expect(Object.keys(p.manifest.nodes)).not.toContain('test.core_basic.assert_positive');
  });

  it('a model that is a symlink is re-parsed when the file it points to changes', async () => {
    const projectDir = copy('core_basic');
    const model = join(projectDir, 'models/marts/orders.sql');
    const real = join(projectDir, 'orders_source.sql');
    renameSync(model, real);
    symlinkSync(real, model);
    await writeManifest(await parseProject({ projectDir }));
    expect((await parseProject({ projectDir })).partialParse?.reused).toBe(true);
    appendFileSync(real, '\n-- edited through the link\n');
    const p = await parseProject({ projectDir });
    expect(p.partialParse?.reused).toBe(false);
    expect(p.manifest.nodes['model.core_basic.orders']!.raw_code).toContain('-- edited through the link');
  });

  it('a re-parse with nothing changed rewrites neither manifest.json nor partial_parse.json; a touched file is re-recorded', async () => {
    const projectDir = copy('core_basic');
    await writeManifest(await parseProject({ projectDir }));
    const target = join(projectDir, 'target');
    const mtime = (f: string) => statSync(join(target, f)).mtimeMs;
    const before = { manifest: mtime('manifest.json'), state: mtime('partial_parse.json') };
    await new Promise((r) => setTimeout(r, 20));
    const again = await parseProject({ projectDir });
    expect(again.partialParse).toMatchObject({ reused: true, statsUnchanged: true });
    await writeManifest(again);
    expect({ manifest: mtime('manifest.json'), state: mtime('partial_parse.json') }).toEqual(before);

    // Same content, new mtime: still reused, and the new stat is recorded so the next run skips hashing it.
    const model = join(projectDir, 'models/staging/stg_orders.sql');
    utimesSync(model, new Date(), new Date(Date.now() + 5000));
    const touched = await parseProject({ projectDir });
    expect(touched.partialParse).toMatchObject({ reused: true, statsUnchanged: false });
    await writeManifest(touched);
    expect(mtime('manifest.json')).toBe(before.manifest);
    const saved = JSON.parse(readFileSync(join(target, 'partial_parse.json'), 'utf8')) as { stats: Record<string, string> };
    expect(saved.stats[model]).toBe(`${statSync(model).size}:${statSync(model).mtimeMs}`);
  });

  it('a reused parse reuses the saved parse renders too: the same SQL without rendering each model again', async () => {
    const projectDir = copy('core_context');
    const profilesDir = fixture('core_profiles');
    const first = await parseProject({ projectDir, profilesDir });
    const id = 'model.core_context.uses_versions';
    const fresh = await compileNode(first, id, { execute: true });
    await writeManifest(first);

    const second = await parseProject({ projectDir, profilesDir });
    expect(second.partialParse?.reused).toBe(true);
    const before = parseOutputReuses.count;
    expect(await compileNode(second, id, { execute: true })).toBe(fresh);
    expect(parseOutputReuses.count).toBe(before + 1);

    // A damaged file only costs the renders it would have saved.
    writeFileSync(join(second.targetPath, 'tsdbt_parse_outputs.json'), '{not json');
    const third = await parseProject({ projectDir, profilesDir });
    expect(third.partialParse?.reused).toBe(true);
    const count = parseOutputReuses.count;
    expect(await compileNode(third, id, { execute: true })).toBe(fresh);
    expect(parseOutputReuses.count).toBe(count);
  });
});
