export function tokenize(sql: string): string[];
export function rewriteTsql(sql: string, paramNames?: string[]): { kind: 'set' | 'query'; sql: string };
export function declaredParamNames(decl: string | null | undefined): string[];
