import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

// bin/tsdbt.js picks dist/bundle/bin.js or the tsc build dist/bin.js: tried here on a stand-in package layout.
const shim = fileURLToPath(new URL('../../packages/cli/bin/tsdbt.js', import.meta.url));

function layout() {
  const pkg = tempDir('tsdbt-shim-');
  mkdirSync(join(pkg, 'bin'));
  mkdirSync(join(pkg, 'dist/bundle'), { recursive: true });
  copyFileSync(shim, join(pkg, 'bin/tsdbt.js'));
  writeFileSync(join(pkg, 'package.json'), '{"type":"module"}');
  writeFileSync(join(pkg, 'dist/bin.js'), "process.stdout.write('tsc build ' + process.argv.slice(2).join(' '));");
  writeFileSync(join(pkg, 'dist/bundle/bin.js'), "process.stdout.write('bundle ' + process.argv.slice(2).join(' '));");
  writeFileSync(join(pkg, 'dist/.tsbuildinfo'), '{}');
  const stamp = (inputs: [string, number][]) => writeFileSync(join(pkg, 'dist/bundle/stamp.json'), JSON.stringify({ inputs }));
  stamp([['../.tsbuildinfo', statSync(join(pkg, 'dist/.tsbuildinfo')).mtimeMs]]);
  const run = () => spawnSync(process.execPath, [join(pkg, 'bin/tsdbt.js'), 'parse', '--quiet'], { encoding: 'utf8' }).stdout;
  return { pkg, stamp, run };
}

describe('bin/tsdbt.js', () => {
  it('runs the bundle while the tsc builds it was made from are unchanged, and passes the arguments on', () => {
    const { run } = layout();
    expect(run()).toBe('bundle parse --quiet');
  });

  it('runs the tsc build once a package was rebuilt after bundling', () => {
    const { pkg, run } = layout();
    utimesSync(join(pkg, 'dist/.tsbuildinfo'), new Date(), new Date(Date.now() + 10_000));
    expect(run()).toBe('tsc build parse --quiet');
  });

  it('trusts a bundle with no stamp (a published package) and one whose stamped package is not there', () => {
    const { pkg, stamp, run } = layout();
    stamp([['../../elsewhere/dist/.tsbuildinfo', 1]]);
    expect(run()).toBe('bundle parse --quiet');
    rmSync(join(pkg, 'dist/bundle/stamp.json'));
    expect(run()).toBe('bundle parse --quiet');
  });

  it('runs the tsc build when there is no bundle', () => {
    const { pkg, run } = layout();
    rmSync(join(pkg, 'dist/bundle'), { recursive: true });
    expect(run()).toBe('tsc build parse --quiet');
  });
});
