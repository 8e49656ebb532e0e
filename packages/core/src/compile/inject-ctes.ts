/** Length of leading whitespace and SQL comments. */
function skipTrivia(sql: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i]!)) i++;
    if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else return i;
  }
}

/**
 * dbt's _inject_ctes_into_sql: ephemeral models become CTEs named `__dbt__cte__<name>`. A statement that starts
 * with WITH gets them right after it (then a comma); otherwise `with` and the CTEs go before the first token.
 * `ctes` are `[name, compiledSql]`; each is written ` __dbt__cte__name as (\n<sql>\n)` as dbt writes it.
 */
export function injectCtes(sql: string, ctes: [name: string, sql: string][]): string {
  if (ctes.length === 0) return sql;
  const joined = ctes.map(([name, body]) => ` __dbt__cte__${name} as (\n${body}\n)`).join(', ');
  let i = skipTrivia(sql, 0);
  const withMatch = /^with\b/i.exec(sql.slice(i));
  if (withMatch) {
    let end = i + withMatch[0].length;
    const j = skipTrivia(sql, end);
    const rec = /^recursive\b/i.exec(sql.slice(j));
    if (rec) end = j + rec[0].length;
    return `${sql.slice(0, end)}${joined},${sql.slice(end)}`;
  }
  // sqlparse's first token skips whitespace but not comments.
  i = 0;
  while (i < sql.length && /\s/.test(sql[i]!)) i++;
  return `${sql.slice(0, i)}with${joined}${sql.slice(i)}`;
}
