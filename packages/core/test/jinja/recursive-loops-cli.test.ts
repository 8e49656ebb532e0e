/** `tsdbt compile` on a fixture project whose model and macro use Jinja's recursive for-loops (the real CLI, built). */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../../..');
const BIN = join(root, 'packages/cli/bin/tsdbt.js');
const FIXTURE = join(root, 'test/fixtures/projects/core_jinja_recursive');
// The CLI runs the build (`npm test` builds first).
const ready = existsSync(join(root, 'packages/cli/dist/bin.js')) && existsSync(join(root, 'packages/core/dist/jinja/loop.js'));

/** What Jinja2 3.1 renders for models/payload_columns.sql with the fixture's vars and macros. */
const EXPECTED = `
select
  null as id,
  null as name,
  null as city,
  null as zip,
  null as amount
from (select 1) as payload
/* column tree:
1/4 id
2/4 customer
  1/2 name
  2/2 address
    1/2 city
    2/2 zip
3/4 internal (skipped)
4/4 amount
*/`;

function copyFixture(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tsdbt-recursive-')), 'core_jinja_recursive');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const compile = (dir: string) => spawnSync(process.execPath, [BIN, 'compile', '--project-dir', dir, '--profiles-dir', dir], { encoding: 'utf8' });
const compiled = (dir: string) => readFileSync(join(dir, 'target/compiled/core_jinja_recursive/models/payload_columns.sql'), 'utf8');

describe.skipIf(!ready)('tsdbt compile with recursive loops (needs `npm run build`)', () => {
  it('renders a model and a macro that recurse, cold and again from the compiled templates saved under target/', () => {
    const dir = copyFixture();
    const first = compile(dir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(compiled(dir)).toBe(EXPECTED);
    expect(readFileSync(join(dir, 'target/tsdbt_templates.json'), 'utf8')).toContain('R.Loop');

    const again = compile(dir);
    expect(again.status).toBe(0);
    expect(compiled(dir)).toBe(EXPECTED);
  });

  it('loop(...) in a loop not marked recursive fails the compile at the model, line and column', () => {
    const dir = copyFixture();
    writeFileSync(join(dir, 'models/bad.sql'), 'select\n{% for c in [1] %}{{ loop([2]) }}{% endfor %}\n');
    const r = compile(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("models/bad.sql:2:22: error TSDBT_JINJA_RENDER: The loop must have the 'recursive' marker to be called recursively.");
  });

  it('`recursive` out of place is a syntax error at its position', () => {
    const dir = copyFixture();
    writeFileSync(join(dir, 'models/bad.sql'), 'select\n{% for c in [1] recursive if c %}{{ c }}{% endfor %}\n');
    const r = compile(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("models/bad.sql:2:27: error TSDBT_JINJA_SYNTAX: expected the end of the for tag after 'recursive', got 'if'");
  });
});
