import { z } from 'zod';

/** The runtime schema of ingest.yml (dlt's names where it has one). Values are already env_var-rendered. */
const names = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const disposition = z.enum(['replace', 'append', 'merge']);
const contract = z.enum(['evolve', 'freeze', 'discard_row', 'discard_value']);

// A bare string is shorthand for { name: ... }.
export const tableEntrySchema = z.preprocess(
  (v) => (typeof v === 'string' ? { name: v } : v),
  z
    .object({
      name: z.string().regex(/^[^.]+\.[^.]+$/, 'a table is named Schema.Table').optional(),
      schema: z.string().min(1).optional(),
      table_name: z.string().min(1).optional(),
      write_disposition: disposition.optional(),
      primary_key: names.optional(),
      cursor: z.string().min(1).optional(),
      initial_value: z.union([z.string(), z.number()]).optional(),
      lag: z.number().nonnegative().optional(),
      include: z.array(z.string().min(1)).optional(),
      exclude: z.array(z.string().min(1)).optional(),
      schema_contract: contract.optional(),
    })
    .strict(),
);

const port = z.coerce.number().int().min(1).max(65535);

export const sourceSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('mssql'),
      server: z.string().min(1),
      port: port.default(1433),
      database: z.string().min(1),
      user: z.string().min(1),
      password: z.string(),
      encrypt: z.coerce.boolean().default(true),
      trust_server_certificate: z.coerce.boolean().default(false),
      connection_timeout: z.coerce.number().int().positive().default(15000),
      request_timeout: z.coerce.number().int().nonnegative().default(0),
      packet_size: z.coerce.number().int().min(512).max(32767).default(32767),
    })
    .strict(),
  z.object({ type: z.literal('duckdb'), path: z.string().min(1) }).strict(),
]);

export const ingestSchema = z
  .object({
    source: sourceSchema,
    destination: z
      .object({ profile: z.string().optional(), target: z.string().optional(), schema: z.string().min(1).default('staging') })
      .strict()
      .default({ schema: 'staging' }),
    naming: z.enum(['snake_case', 'direct']).default('snake_case'),
    parallelism: z.coerce.number().int().min(1).max(32).default(2),
    chunk_size: z.coerce.number().int().min(1).default(10000),
    retries: z
      .object({ attempts: z.coerce.number().int().min(0).default(3), backoff_ms: z.coerce.number().int().min(0).default(500) })
      .strict()
      .default({ attempts: 3, backoff_ms: 500 }),
    defaults: z
      .object({ write_disposition: disposition.optional(), schema_contract: contract.optional() })
      .strict()
      .default({}),
    tables: z.array(tableEntrySchema).min(1),
  })
  .strict();

export type RawIngestConfig = z.infer<typeof ingestSchema>;
export type RawTableEntry = z.infer<typeof tableEntrySchema>;
