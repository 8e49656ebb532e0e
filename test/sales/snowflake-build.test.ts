/**
 * The same project on the Snowflake target: `tsdbt build --target snowflake` through the Snowflake stand-in
 * (test/stand-ins/snowflake), with staging tables landed in its database file. Needs the build (`tsc -b`).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGeneratedFile } from '@tsdbt/sample-data';
// @ts-expect-error the stand-in is plain JavaScript without type declarations
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import { PROJECT, landSource } from './sql-harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'packages/cli/dist/bin.js');
const work = mkdtempSync(join(tmpdir(), 'sales-sf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { env, cwd, timeout: 150_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe.skipIf(!existsSync(CLI))('sales project on the snowflake target (needs `tsc -b`)', () => {
  it('builds every model and passes every test through the Snowflake stand-in', async () => {
    const source = join(work, 'source.duckdb');
    await writeGeneratedFile(source, { scale: 0.01, seed: 42 });
    const sfDir = join(work, 'sf');
    mkdirSync(sfDir);
    const instance = await DuckDBInstance.create(join(sfDir, 'SALES.duckdb'));
    const conn = await instance.connect();
    await landSource(conn, source);
    conn.closeSync();
    instance.closeSync();

    const dir = join(work, 'project');
    cpSync(PROJECT, dir, { recursive: true, filter: (src) => !/[/\\](target|data|logs)$/.test(src) });
    mkdirSync(join(dir, 'target'));
    const server = await startStandIn({ port: 0, dir: sfDir });
    try {
      // The stand-in is plain http on loopback: the project's profile takes host/port/protocol from the environment.
      const env = {
        ...process.env, SNOWFLAKE_ACCOUNT: 'standin', SNOWFLAKE_USER: 'tsdbt', SNOWFLAKE_PASSWORD: 'any',
        SNOWFLAKE_ROLE: 'transformer', SNOWFLAKE_WAREHOUSE: 'local', SNOWFLAKE_DATABASE: 'sales',
        SNOWFLAKE_HOST: '127.0.0.1', SNOWFLAKE_PORT: String(server.port), SNOWFLAKE_PROTOCOL: 'http',
      };
      // Asynchronous: the stand-in answers from this process's event loop, which spawnSync would block.
      const build = await run(process.execPath, [CLI, 'build', '--project-dir', dir, '--target', 'snowflake'], env, dir);
      expect(build.status, build.stdout + build.stderr).toBe(0);
      expect(build.stdout).toMatch(/PASS=74 WARN=0 ERROR=0/);
    } finally {
      await server.close();
    }
  }, 180_000);
});
