import { describe, expect, it } from 'vitest';
import { parseDuckDbConfig } from '../src/duckdb-config.js';

const ctx = { projectDir: '/proj' };

describe('DuckDB profile config', () => {
  it('resolves a relative path against the project and names the catalog as DuckDB does', () => {
    const c = parseDuckDbConfig({ type: 'duckdb', path: 'data/dev.duckdb', threads: 4, settings: { memory_limit: '1GB', threads: 2 } }, 'dev', ctx);
    expect(c).toMatchObject({ type: 'duckdb', name: 'dev', path: '/proj/data/dev.duckdb', database: 'dev', schema: 'main', threads: 4 });
    expect(c.settings).toEqual({ memory_limit: '1GB', threads: '2' });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('defaults to an in-memory database named memory', () => {
    expect(parseDuckDbConfig({ type: 'duckdb' }, 'dev', ctx)).toMatchObject({ path: ':memory:', database: 'memory', threads: 1 });
  });

  it.each([
    [{ type: 'duckdb', threads: 0 }, "'threads' must be a positive integer"],
    [{ type: 'duckdb', path: 'a.duckdb', database: 'b' }, "'database' is 'b' but DuckDB names the catalog of path 'a.duckdb' 'a'"],
    [{ type: 'duckdb', settings: ['x'] }, "'settings' must be a mapping"],
    [{ type: 'duckdb', settings: { a: { b: 1 } } }, "'settings.a' must be"],
    [{ type: 'duckdb', pth: 'x' }, "'pth' is not a duckdb setting"],
    [{ type: 'duckdb', schema: '' }, "'schema' must be a non-empty string"],
  ])('rejects %j with a coded error naming the key', (raw, message) => {
    expect(() => parseDuckDbConfig(raw, 'dev', ctx)).toThrow(expect.objectContaining({ code: 'TSDBT_PROFILE_INVALID', exitCode: 2, message: expect.stringContaining(message) }));
  });
});
