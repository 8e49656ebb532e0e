// Session parameters the driver reads (it asserts the output formats) plus the session's own settings.
export function sessionParameters(session) {
  const base = {
    TIMEZONE: 'UTC', TIMESTAMP_OUTPUT_FORMAT: 'YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM', TIMESTAMP_NTZ_OUTPUT_FORMAT: 'YYYY-MM-DD HH24:MI:SS.FF3',
    TIMESTAMP_LTZ_OUTPUT_FORMAT: '', TIMESTAMP_TZ_OUTPUT_FORMAT: '', DATE_OUTPUT_FORMAT: 'YYYY-MM-DD', TIME_OUTPUT_FORMAT: 'HH24:MI:SS',
    BINARY_OUTPUT_FORMAT: 'HEX', CLIENT_STAGE_ARRAY_BINDING_THRESHOLD: 1000000000, CLIENT_SESSION_KEEP_ALIVE: false,
    CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY: 3600, JS_TREAT_INTEGER_AS_BIGINT: false, QUERY_CONTEXT_CACHE_SIZE: 5, CLIENT_RESULT_CHUNK_SIZE: 160,
  };
  for (const [k, v] of session?.params ?? []) base[k] = v;
  return Object.entries(base).map(([name, value]) => ({ name, value }));
}
