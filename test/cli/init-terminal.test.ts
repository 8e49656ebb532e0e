// `tsdbt init` at a real terminal: util-linux `script` gives it a pseudo-terminal, and each answer is typed only once
// its question is on the screen (no delays, so no race), as a person would.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, tempDir } from './init-helpers.js';

const hasScript = process.platform === 'linux' && spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux');
const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Runs `tsdbt init ...args` in a terminal of 120 columns; types each step's keys when its text appears. */
function atTerminal(cwd: string, args: string[], steps: Array<[string, string]>): Promise<{ code: number | null; screen: string; unanswered: number }> {
  const command = `stty cols 120 rows 40; exec ${[process.execPath, bin, 'init', ...args].map(quote).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...process.env, HOME: join(cwd, 'home'), DBT_PROFILES_DIR: undefined } });
  let since = '';
  let screen = '';
  child.stdout.on('data', (chunk: Buffer) => {
    since += chunk.toString();
    screen += chunk.toString();
    if (steps.length && strip(since).includes(steps[0]![0])) {
      since = '';
      child.stdin.write(steps.shift()![1]);
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, screen: strip(screen), unanswered: steps.length })));
}

describe.skipIf(!hasScript || !existsSync(bin))('tsdbt init at a terminal (pseudo-terminal)', () => {
  it('asks the name and the warehouse; Enter takes duckdb and its defaults', async () => {
    const cwd = tempDir();
    const r = await atTerminal(cwd, ['--profiles-dir', 'profiles'], [
      ['Enter a name for your project', 'at_tty\r'],
      ['Which database would you like to use?', '\r'],
      ['path (the database file', '\r'],
      ['threads (1 or more)', '3\r'],
    ]);
    expect(r.unanswered).toBe(0);
    expect(r.code).toBe(0);
    expect(r.screen).toContain('Your new tsdbt project "at_tty" was created!');
    expect(readFileSync(join(cwd, 'profiles/profiles.yml'), 'utf8')).toBe(
      'at_tty:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 3\n',
    );
    expect(existsSync(join(cwd, 'at_tty/dbt_project.yml'))).toBe(true);
  });

  it('Ctrl-C at a question exits 130 and writes nothing', async () => {
    const cwd = tempDir();
    const r = await atTerminal(cwd, ['gone', '--profiles-dir', 'profiles'], [['Which database would you like to use?', '\x03']]);
    expect(r.unanswered).toBe(0);
    expect(r.code).toBe(130);
    expect(r.screen).toContain('TSDBT_INIT_CANCELLED');
    expect(readdirSync(cwd)).toEqual([]);
  });
});
