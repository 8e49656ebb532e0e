/** Rewrite one Snowflake statement into DuckDB SQL (context values answer CURRENT_DATABASE() and friends). */
export function translate(sql: string, options?: { context?: Record<string, string | null> }): string;
