import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const startScript = fileURLToPath(new URL('../stand-ins/snowflake/start.mjs', import.meta.url));
const sdkLoaded = () => Object.keys(require.cache).some((k) => k.includes(`${'node_modules'}/snowflake-sdk/`));

describe('Snowflake adapter loading and the documented stand-in command', () => {
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'sf-lazy-'));
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(() => {
    child?.kill('SIGTERM');
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not load snowflake-sdk until a connection opens, and writes no snowflake.log even on errors', async () => {
    const { adapter, SessionPool } = await import('@tsdbt/adapter-snowflake');
    expect(sdkLoaded()).toBe(false);
    child = spawn(process.execPath, [startScript, '--port', '0', '--user', 'tsdbt', '--password', 'pw'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (b: Buffer) => {
        const m = /listening on (http:\/\/\S+)/u.exec(b.toString());
        if (m) resolve(m[1]!);
      });
      child!.on('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
    });
    const port = Number(new URL(url).port);
    const config = adapter.parseConfig({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'lazy', schema: 'public', host: '127.0.0.1', port, protocol: 'http' }, 'dev', { projectDir: dir });
    adapter.createDialect(config);
    expect(sdkLoaded()).toBe(false);
    process.chdir(dir);
    // A failed login is what the driver logs at level ERROR (to ./snowflake.log): it must stay silent.
    await expect(adapter.connect({ ...config, password: 'wrong' })).rejects.toMatchObject({ code: 'TSDBT_CONNECTION_FAILED' });
    const conn = await adapter.connect(config);
    const result = await conn.execute('select current_database() as db, 1 + 1 as two');
    await conn.close();
    await SessionPool.closeAll();
    expect(result.rows).toEqual([['LAZY', 2]]);
    expect(sdkLoaded()).toBe(true);
    expect(existsSync(join(dir, 'snowflake.log'))).toBe(false);
  });
});
