/** Splits a call from a template into positional args and keyword args (nunjucks passes kwargs as a final object marked `__keywords`). */
export function splitArgs(args: unknown[]): { positional: unknown[]; kwargs: Record<string, unknown> } {
  const last = args[args.length - 1];
  if (last && typeof last === 'object' && (last as { __keywords?: boolean }).__keywords) {
    const { __keywords: _k, ...kwargs } = last as Record<string, unknown>;
    return { positional: args.slice(0, -1), kwargs };
  }
  return { positional: args, kwargs: {} };
}

/** Python-style argument binding: positional by parameter order, then keywords. */
export function bindArgs(args: unknown[], names: string[]): Record<string, unknown> {
  const { positional, kwargs } = splitArgs(args);
  const out: Record<string, unknown> = { ...kwargs };
  positional.forEach((v, i) => {
    if (names[i] !== undefined) out[names[i]!] = v;
  });
  return out;
}
