import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./packages/${p}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Unit tests run the TypeScript sources; tests that spawn the CLI use the build `npm test` makes first.
    alias: {
      '@tsdbt/core': src('core'),
      '@tsdbt/runner': src('runner'),
      '@tsdbt/ingest': src('ingest'),
      '@tsdbt/docs': src('docs'),
      '@tsdbt/sample-data': src('sample-data'),
      '@tsdbt/adapter-duckdb': src('adapters/duckdb'),
      '@tsdbt/adapter-snowflake': src('adapters/snowflake'),
    },
  },
  test: {
    include: ['packages/**/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
