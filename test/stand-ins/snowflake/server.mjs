// The HTTP face of the stand-in: the endpoints snowflake-sdk 3.3.0 calls, answering JSON the way Snowflake does
// (HTTP 200 with `success: false` and a code for errors; 5xx would make the driver retry).
import http from 'node:http';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { Warehouse } from './warehouse.mjs';
import { Session } from './session.mjs';
import { SfError } from './sf-error.mjs';
import { sessionParameters } from './parameters.mjs';

/**
 * @param {{ port?: number, host?: string, dir?: string, users?: Record<string,string>, tokenValiditySeconds?: number,
 *   chunkRows?: number, resultWaitMs?: number }} options `users` maps user → password (any login is accepted without it).
 */
export async function startStandIn(options = {}) {
  const warehouse = await Warehouse.create({ dir: options.dir });
  const state = { warehouse, options, sessions: new Map(), tokens: new Map(), masters: new Map(), queries: new Map(), nextSessionId: 1, baseUrl: '' };
  const server = http.createServer((req, res) => handle(state, req, res).catch((err) => reply(res, failure(err))));
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => { server.off('error', reject); resolve(undefined); });
    });
  } catch (err) {
    await warehouse.close();
    throw err;
  }
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  state.baseUrl = `http://127.0.0.1:${port}`;
  return {
    port,
    url: state.baseUrl,
    warehouse,
    stats: () => ({ sessions: state.sessions.size, queries: state.queries.size }),
    async close() {
      for (const s of state.sessions.values()) await s.close().catch(() => undefined);
      state.sessions.clear();
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      await warehouse.close();
    },
  };
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  let buf = Buffer.concat(chunks);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = zlib.gunzipSync(buf);
  return buf.length ? JSON.parse(buf.toString('utf8')) : {};
}

function reply(res, body, status = 200, type = 'application/json') {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function failure(err) {
  const e = err instanceof SfError ? err : new SfError('000603', String(err?.message ?? err), 'XX000');
  return { success: false, code: e.code, message: e.message, data: { errorCode: e.code, sqlState: e.sqlState, queryId: e.queryId ?? null, internalError: false } };
}

function token(req) {
  return /Token="([^"]*)"/.exec(req.headers.authorization ?? '')?.[1];
}

/** The session a request's token belongs to; 390112 when it expired (the driver renews), 390104 when unknown. */
function sessionFor(state, req) {
  const t = state.tokens.get(token(req));
  if (!t) throw new SfError('390104', 'Invalid session token.', '08001');
  if (t.expires < Date.now()) throw new SfError('390112', 'Session token expired.', '08001');
  const s = state.sessions.get(t.sessionId);
  if (!s) throw new SfError('390111', 'Session no longer exists.', '08001');
  return s;
}

function issueTokens(state, sessionId) {
  const validity = state.options.tokenValiditySeconds ?? 3600;
  const t = crypto.randomUUID();
  const m = crypto.randomUUID();
  state.tokens.set(t, { sessionId, expires: Date.now() + validity * 1000 });
  state.masters.set(m, { sessionId });
  return { token: t, masterToken: m, validityInSeconds: validity, masterValidityInSeconds: 14400 };
}

async function handle(state, req, res) {
  const url = new URL(req.url ?? '/', state.baseUrl);
  const p = url.pathname;
  const body = req.method === 'POST' ? await readBody(req) : {};
  if (p === '/session/v1/login-request') return reply(res, await login(state, url, body));
  if (p === '/telemetry/send' || p === '/session/heartbeat') { if (p === '/session/heartbeat') sessionFor(state, req); return reply(res, { success: true, data: null, code: null, message: null }); }
  if (p === '/session/token-request') return reply(res, renew(state, req, body));
  if (p === '/session' && url.searchParams.get('delete') === 'true') return reply(res, await closeSession(state, req));
  if (p === '/queries/v1/query-request') return reply(res, await queryRequest(state, req, url, body));
  if (p === '/queries/v1/abort-request') return reply(res, abort(state, req, body.requestId ?? body.queryId));
  let m;
  if ((m = /^\/queries\/([\w-]+)\/abort-request$/.exec(p))) return reply(res, abort(state, req, m[1]));
  if ((m = /^\/queries\/([\w-]+)\/result$/.exec(p))) return reply(res, await resultOf(state, req, m[1]));
  if ((m = /^\/monitoring\/queries\/([\w-]+)$/.exec(p))) return reply(res, monitoring(state, req, m[1]));
  if ((m = /^\/chunks\/([\w-]+)\/(\d+)$/.exec(p))) return reply(res, chunk(state, m[1], Number(m[2])), 200, 'text/plain');
  return reply(res, { success: false, code: '000404', message: `Not emulated: ${req.method} ${p}`, data: null });
}

async function login(state, url, body) {
  const d = body.data ?? {};
  const user = String(d.LOGIN_NAME ?? '').toUpperCase();
  const users = state.options.users;
  const authenticator = String(d.AUTHENTICATOR ?? 'SNOWFLAKE').toUpperCase();
  if (users && authenticator === 'SNOWFLAKE' && users[user] !== d.PASSWORD) {
    return { success: false, code: '390100', message: 'Incorrect username or password was specified.', data: { errorCode: '390100', nextAction: 'RETRY_LOGIN' } };
  }
  const upper = (v) => (v ? (v.startsWith('"') ? v.slice(1, -1) : v.toUpperCase()) : undefined);
  const sessionId = state.nextSessionId++;
  const s = new Session(state.warehouse, { id: sessionId, user, database: upper(url.searchParams.get('databaseName')),
    schema: upper(url.searchParams.get('schemaName')), role: upper(url.searchParams.get('roleName')), warehouseName: upper(url.searchParams.get('warehouse')) });
  try { await s.open(); } catch (err) { return failure(err); }
  // options.timezone: the account's TIMEZONE parameter (Snowflake's own default is America/Los_Angeles; UTC here).
  if (state.options.timezone) {
    s.params.set('TIMEZONE', state.options.timezone);
    try { await s.runDuck(`SET SESSION TimeZone = '${String(state.options.timezone).replace(/'/g, "''")}'`); } catch (err) { return failure(err); }
  }
  const tag = d.SESSION_PARAMETERS?.QUERY_TAG;
  if (tag) s.params.set('QUERY_TAG', tag);
  state.sessions.set(sessionId, s);
  return { success: true, code: null, message: null, data: { ...issueTokens(state, sessionId), sessionId, displayUserName: user, serverVersion: '8.40.0',
    firstLogin: false, healthCheckInterval: 45, parameters: sessionParameters(s), idToken: null, mfaToken: null,
    sessionInfo: { databaseName: s.database ?? null, schemaName: s.schema ?? null, warehouseName: s.warehouseName, roleName: s.role } } };
}

function renew(state, req, body) {
  const m = state.masters.get(token(req));
  if (!m || !state.sessions.has(m.sessionId)) return failure(new SfError('390114', 'Authentication token has expired. The user must authenticate again.', '08001'));
  state.tokens.delete(body.oldSessionToken);
  const t = issueTokens(state, m.sessionId);
  state.masters.delete(token(req));
  return { success: true, code: null, message: null, data: { sessionToken: t.token, validityInSecondsST: t.validityInSeconds, masterToken: t.masterToken, validityInSecondsMT: 14400 } };
}

async function closeSession(state, req) {
  const t = state.tokens.get(token(req));
  const s = t && state.sessions.get(t.sessionId);
  if (s) {
    state.sessions.delete(s.id);
    await s.close();
  }
  return { success: true, code: null, message: null, data: null };
}

/** Start a query; `asyncExec` answers 333334 at once, otherwise the answer waits for the result. */
async function queryRequest(state, req, url, body) {
  const s = sessionFor(state, req);
  const queryId = crypto.randomUUID();
  const q = { id: queryId, requestId: url.searchParams.get('requestId'), session: s, status: 'RUNNING', answer: undefined, error: undefined, started: Date.now(), sqlText: body.sqlText };
  state.queries.set(queryId, q);
  q.promise = s.execute(String(body.sqlText ?? ''), body.bindings).then(
    (r) => { q.answer = r; q.status = 'SUCCESS'; },
    (err) => { q.error = err; q.status = err instanceof SfError && err.code === '000604' ? 'ABORTING' : 'FAILED_WITH_ERROR'; },
  );
  if (body.asyncExec) return pendingAnswer(q, '333334');
  await q.promise;
  return answerOf(state, q);
}

function pendingAnswer(q, code) {
  return { success: true, code, message: 'Asynchronous execution in progress. Use provided query id to perform query monitoring and management.', data: { queryId: q.id, getResultUrl: `/queries/${q.id}/result` } };
}

async function resultOf(state, req, id) {
  sessionFor(state, req);
  const q = state.queries.get(id);
  if (!q) return failure(new SfError('000709', `Statement ${id} not found`, '02000'));
  // Long-poll like the service does, then tell the driver to come back.
  await Promise.race([q.promise, new Promise((r) => setTimeout(r, state.options.resultWaitMs ?? 2000))]);
  if (q.status === 'RUNNING') return pendingAnswer(q, '333333');
  return answerOf(state, q);
}

function monitoring(state, req, id) {
  sessionFor(state, req);
  const q = state.queries.get(id);
  if (!q) return { success: true, code: null, message: null, data: { queries: [] } };
  const status = q.status === 'ABORTING' ? 'ABORTED' : q.status;
  return { success: true, code: null, message: null, data: { queries: [{ id, status, errorCode: q.error?.code, errorMessage: q.error?.message, sqlText: q.sqlText, startTime: q.started }] } };
}

function abort(state, req, id) {
  const s = sessionFor(state, req);
  // Before the driver knows the query id it aborts by its own request id.
  const q = (id && (state.queries.get(id) ?? [...state.queries.values()].find((x) => x.requestId === id))) || [...state.queries.values()].find((x) => x.session === s && x.status === 'RUNNING');
  if (q && q.status === 'RUNNING') q.session.conn.interrupt();
  return { success: true, code: null, message: null, data: null };
}

function answerOf(state, q) {
  if (q.error) {
    const f = failure(q.error);
    f.data.queryId = q.id;
    return f;
  }
  const s = q.session;
  const base = { queryId: q.id, parameters: sessionParameters(s), finalDatabaseName: s.database ?? null, finalSchemaName: s.schema ?? null,
    finalWarehouseName: s.warehouseName, finalRoleName: s.role, version: 1, queryResultFormat: 'json', numberOfBinds: 0, arrayBindSupported: true };
  if (q.answer.upload) return { success: true, code: null, message: null, data: { ...base, ...q.answer.upload, rowtype: [], rowset: [] } };
  const { rowtype, rowset, statementTypeId } = q.answer;
  const chunkRows = state.options.chunkRows ?? 10000;
  const data = { ...base, rowtype, rowset: rowset.slice(0, chunkRows), total: rowset.length, returned: rowset.length, statementTypeId };
  if (rowset.length > chunkRows) {
    q.chunks = [];
    for (let i = chunkRows; i < rowset.length; i += chunkRows) q.chunks.push(rowset.slice(i, i + chunkRows));
    data.chunks = q.chunks.map((rows, n) => ({ url: `${state.baseUrl}/chunks/${q.id}/${n}`, rowCount: rows.length, uncompressedSize: 0, compressedSize: 0 }));
    data.chunkHeaders = {};
  }
  return { success: true, code: null, message: null, data };
}

/** A result chunk: rows joined by commas, without the outer brackets. */
function chunk(state, id, n) {
  const rows = state.queries.get(id)?.chunks?.[n] ?? [];
  return rows.map((r) => JSON.stringify(r)).join(',');
}
