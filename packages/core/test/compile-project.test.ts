import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject, isTsdbtError, selectNodes, writeManifest } from '@tsdbt/core';
import { fixture, parseFixture, tempTarget } from './helpers.js';

describe('compileProject', () => {
  it('writes every compiled file, and with deferWrites leaves writeManifest to wait for them', async () => {
    for (const deferWrites of [false, true]) {
      const project = await parseFixture('core_basic', { targetPath: tempTarget(), profilesDir: fixture('core_basic') });
      const { compiled } = await compileProject(project, selectNodes(project.manifest), {}, { deferWrites });
      expect(compiled.length).toBeGreaterThan(0);
      expect(project.pendingWrites !== undefined).toBe(deferWrites);
      await writeManifest(project);
      expect(project.pendingWrites).toBeUndefined();
      for (const c of compiled) expect(readFileSync(c.path, 'utf8')).toBe(c.sql);
      expect(existsSync(join(project.targetPath, 'manifest.json'))).toBe(true);
    }
  });

  it('reports a compiled file it could not write through writeManifest, as TSDBT_WRITE_FAILED', async () => {
    const target = tempTarget();
    const project = await parseFixture('core_basic', { targetPath: target, profilesDir: fixture('core_basic') });
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'compiled'), 'a file where the compiled folder goes');
    await compileProject(project, selectNodes(project.manifest), {}, { deferWrites: true });
    const error = await writeManifest(project).then(() => undefined, (e: unknown) => e);
    expect(isTsdbtError(error) && error.code).toBe('TSDBT_WRITE_FAILED');
  });
});
