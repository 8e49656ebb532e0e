// A TDS 7.4 server on 127.0.0.1 answering from a DuckDB database, for the real mssql/tedious client with
// encrypt: false. One DuckDB connection per client session. Faults can be injected for tests (see README).
import net from 'node:net';
import { DuckDBInstance } from '@duckdb/node-api';
import { ensureCatalog } from './catalog.mjs';
import { MessageReader, PacketWriter, PKT } from './packets.mjs';
import { parseLogin7 } from './requests.mjs';
import { QueryRunner } from './query-runner.mjs';
import * as tok from './tokens.mjs';

/**
 * Starts the stand-in. Options: dbPath (DuckDB file, or ':memory:'), password (default 'Passw0rd!'), database name,
 * port (0 = any), faults ({ failLogin, dropAfterRows, dropCount, delayMs }, mutable through `server.faults`).
 */
export async function startTdsServer(options = {}) {
  const instance = await DuckDBInstance.create(options.dbPath ?? ':memory:');
  const admin = await instance.connect();
  await ensureCatalog(admin);
  const state = {
    instance,
    password: options.password ?? 'Passw0rd!',
    database: options.database ?? 'AdventureWorks2019',
    faults: { ...(options.faults ?? {}) },
    stats: { logins: 0, queries: 0, drops: 0, attentions: 0 },
    catalogLock: Promise.resolve(),
  };
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new Session(socket, state).start();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    host: address.address,
    port: address.port,
    /** The stand-in's own DuckDB connection, for tests that create or change source tables. */
    admin,
    faults: state.faults,
    stats: state.stats,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
      admin.closeSync();
      instance.closeSync();
    },
  };
}

class Session {
  constructor(socket, state) {
    this.socket = socket;
    this.state = state;
    this.packetSize = 4096;
    this.queue = Promise.resolve();
    this.runner = undefined;
    this.reader = new MessageReader((type, payload) => this.#receive(type, payload));
  }

  start() {
    this.socket.setNoDelay(true);
    this.socket.on('data', (d) => this.reader.push(d));
    this.socket.on('error', () => {});
    this.socket.on('close', () => this.runner?.close());
  }

  #receive(type, payload) {
    if (type === PKT.ATTENTION) {
      this.state.stats.attentions++;
      if (this.runner?.busy) this.runner.cancelRequested = true;
      else this.queue = this.queue.then(() => this.#reply([tok.done(tok.DONE.ATTN)]));
      return;
    }
    this.queue = this.queue.then(() => this.#handle(type, payload)).catch(() => this.socket.destroy());
  }

  async #handle(type, payload) {
    if (this.socket.destroyed) return;
    if (type === PKT.PRELOGIN) return this.#reply([tok.preloginReply()]);
    if (type === PKT.LOGIN7) return this.#login(payload);
    if (!this.runner) return this.socket.destroy();
    if (this.state.faults.delayMs) await new Promise((r) => setTimeout(r, this.state.faults.delayMs));
    this.state.stats.queries++;
    const writer = new PacketWriter(this.socket, this.packetSize);
    await this.runner.handle(type, payload, writer);
    if (!this.socket.destroyed) writer.end();
  }

  async #login(payload) {
    const login = parseLogin7(payload);
    if (this.state.faults.failLogin || login.password !== this.state.password) {
      const message = `Login failed for user '${login.user}'.`;
      return this.#reply([tok.errorToken({ number: 18456, state: 1, severity: 14, message }), tok.done(tok.DONE.ERROR)]);
    }
    this.state.stats.logins++;
    const size = Math.min(Math.max(login.packetSize || 4096, 512), 32767);
    const conn = await this.state.instance.connect();
    this.runner = new QueryRunner(conn, this.state, this.socket);
    await this.#reply([tok.loginAck(), tok.envDatabase(login.database || this.state.database), tok.envCollation(),
      tok.envPacketSize(size), tok.done(tok.DONE.FINAL)]);
    this.packetSize = size;
  }

  async #reply(buffers) {
    const writer = new PacketWriter(this.socket, this.packetSize);
    for (const b of buffers) writer.write(b);
    writer.end();
  }
}
