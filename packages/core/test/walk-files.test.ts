import { mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newListingCache, walkFiles } from '../src/util/walk-files.js';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'tsdbt-walk-'));
  mkdirSync(join(root, 'models/sub'), { recursive: true });
  mkdirSync(join(root, 'models/.hidden'));
  mkdirSync(join(root, 'elsewhere'));
  writeFileSync(join(root, 'models/b.sql'), 'select 2');
  writeFileSync(join(root, 'models/a.sql'), 'select 1');
  writeFileSync(join(root, 'models/sub/c.sql'), 'select 3');
  writeFileSync(join(root, 'models/sub/c.yml'), 'version: 2');
  writeFileSync(join(root, 'models/.hidden/d.sql'), 'select 4');
  writeFileSync(join(root, 'models/.e.sql'), 'select 5');
  writeFileSync(join(root, 'elsewhere/linked.sql'), 'select 6 -- longer');
  mkdirSync(join(root, 'elsewhere/dir'));
  writeFileSync(join(root, 'elsewhere/dir/f.sql'), 'select 7');
  symlinkSync(join(root, 'elsewhere/linked.sql'), join(root, 'models/linked.sql'));
  symlinkSync(join(root, 'elsewhere/dir'), join(root, 'models/linked_dir'));
  return root;
}

describe('walkFiles', () => {
  it('lists matching files sorted and relative to the root, skipping dot entries and not entering symlinked folders', () => {
    const root = tree();
    expect(walkFiles(root, 'models', ['.sql'])).toEqual(['models/a.sql', 'models/b.sql', 'models/linked.sql', 'models/sub/c.sql']);
    expect(walkFiles(root, 'models', ['.yml'])).toEqual(['models/sub/c.yml']);
    expect(walkFiles(root, 'missing', ['.sql'])).toEqual([]);
  });

  it('yields paths in sorted order, a folder sorting as its name plus "/"', () => {
    const root = mkdtempSync(join(tmpdir(), 'tsdbt-walk-'));
    for (const dir of ['m/x', 'm/x/y', 'm/B']) mkdirSync(join(root, dir), { recursive: true });
    for (const file of ['m/x.sql', 'm/x-y.sql', 'm/x/a.sql', 'm/x/y/z.sql', 'm/x/y.sql', 'm/B/c.sql', 'm/a.sql', 'm/_.sql']) writeFileSync(join(root, file), '');
    const files = walkFiles(root, 'm', ['.sql']);
    expect(files).toHaveLength(8);
    expect(files).toEqual([...files].sort());
  });

  it("records each listed file's size:mtime stamp, a symlink's from the file it points to", () => {
    const root = tree();
    const cache = newListingCache();
    walkFiles(root, 'models', ['.sql'], cache);
    const stamp = (p: string) => `${statSync(p).size}:${statSync(p).mtimeMs}`;
    expect(cache.stamps.get(`${root}/models/sub/c.sql`)).toBe(stamp(join(root, 'models/sub/c.sql')));
    expect(cache.stamps.get(`${root}/models/sub/c.yml`)).toBe(stamp(join(root, 'models/sub/c.yml')));
    expect(cache.stamps.get(`${root}/models/linked.sql`)).toBe(stamp(join(root, 'elsewhere/linked.sql')));
    expect(cache.stamps.has(`${root}/models/.e.sql`)).toBe(false);
  });
});
