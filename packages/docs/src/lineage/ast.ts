/** Loose accessors over node-sql-parser's AST, whose shape varies by statement and dialect. */
export type Ast = Record<string, unknown>;

export function isAst(value: unknown): value is Ast {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An identifier the parser gives as a string, `{ type, value }` or `{ expr: { value } }`. */
export function identText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isAst(value)) return undefined;
  if (typeof value.value === 'string') return value.value;
  if (isAst(value.expr)) return identText(value.expr);
  return undefined;
}

export function asList(value: unknown): Ast[] {
  return Array.isArray(value) ? value.filter(isAst) : [];
}

/** The select statement(s) of a parse result: the first statement, and its UNION branches through `_next`. */
export function selectBranches(stmt: Ast): Ast[] {
  const branches: Ast[] = [];
  for (let cur: unknown = stmt; isAst(cur); cur = cur._next) branches.push(cur);
  return branches;
}

/**
 * Visits an expression tree, calling `onColumn` for each column reference and `onSubquery` for each nested
 * select, and reports whether an aggregate or a window function was seen.
 */
export function walkExpression(
  node: unknown,
  onColumn: (ref: Ast) => void,
  onSubquery: (select: Ast) => void,
): { aggregate: boolean } {
  let aggregate = false;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isAst(value)) return;
    if (value.type === 'column_ref') return onColumn(value);
    // Snowflake's grammar reads a double-quoted name as a string; in SQL it is an identifier.
    if (value.type === 'double_quote_string') return onColumn({ type: 'column_ref', column: value.value });
    if (value.type === 'select') return onSubquery(value);
    if (isAst(value.ast) && value.ast.type === 'select') return onSubquery(value.ast);
    if (value.type === 'aggr_func' || (value.over !== undefined && value.over !== null)) aggregate = true;
    for (const child of Object.values(value)) visit(child);
  };
  visit(node);
  return { aggregate };
}
