import { TsdbtError } from '../diagnostics/diagnostic.js';
import type { JinjaEngine } from '../jinja/index.js';

/** The innermost TsdbtError in a cause chain (an env_var error thrown inside a template, wrapped by the engine). */
export function innerTsdbtError(error: unknown): TsdbtError | undefined {
  let found: TsdbtError | undefined;
  let e: unknown = error;
  for (let i = 0; i < 8 && e; i++) {
    if (e instanceof TsdbtError && !e.code.startsWith('TSDBT_JINJA')) found = e;
    e = (e as { cause?: unknown }).cause;
  }
  return found;
}

const JINJA = /{{|{%/;

/** Renders Jinja inside a config string; other values pass through. Errors name `file`. */
export function renderString(engine: JinjaEngine, value: string, context: Record<string, unknown>, file: string): string {
  if (!JINJA.test(value)) return value;
  try {
    return engine.render({ name: file, source: value }, context);
  } catch (error) {
    const inner = innerTsdbtError(error);
    if (inner) throw new TsdbtError(inner.code, inner.message, { file: inner.diagnostics[0]?.file ?? file, hint: inner.diagnostics[0]?.hint, exitCode: inner.exitCode, cause: error });
    throw error;
  }
}

/** Renders every string leaf of a YAML value, except under the keys in `skip` (hooks render at run time). */
export function renderDeep(
  engine: JinjaEngine,
  value: unknown,
  context: Record<string, unknown>,
  file: string,
  skip: ReadonlySet<string> = new Set(),
): unknown {
  if (typeof value === 'string') return coerce(renderString(engine, value, context, file), value);
  if (Array.isArray(value)) return value.map((v) => renderDeep(engine, v, context, file, skip));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = skip.has(k) ? v : renderDeep(engine, v, context, file, skip);
    return out;
  }
  return value;
}

/** dbt renders YAML values "natively": a rendered 'True' / '5' becomes a boolean / number. */
function coerce(rendered: string, original: string): unknown {
  if (rendered === original) return rendered;
  const t = rendered.trim();
  if (t === 'True' || t === 'true') return true;
  if (t === 'False' || t === 'false') return false;
  if (t === 'None' || t === 'none') return null;
  if (/^-?\d+(\.\d+)?$/.test(t) && t.length < 16) return Number(t);
  return rendered;
}
