// The teardown every stand-in test file repeats: its own connection, the adapter's pooled sessions, the stand-in,
// then the project folder. Each part may be missing when beforeAll failed part way.
import { rmSync } from 'node:fs';
import { SessionPool } from '@tsdbt/adapter-snowflake';

interface Closable {
  close(): Promise<unknown>;
}

export async function closeStandIn(standIn: Closable | undefined, o: { conn?: Closable; dir?: string } = {}): Promise<void> {
  await o.conn?.close();
  await SessionPool.closeAll();
  await standIn?.close();
  if (o.dir) rmSync(o.dir, { recursive: true, force: true });
}
