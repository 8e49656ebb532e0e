/**
 * The calls a macro's body makes that may be other macros, read from its syntax tree without running it, as dbt's
 * statically_extract_macro_calls does for a macro's depends_on.macros: `name(...)`, `package.name(...)`, and
 * `adapter.dispatch('name', 'namespace')` with literal arguments. Which of them are macros is decided later,
 * against the registered macros.
 */
import type { AstNode } from './nunjucks-internals.js';

export type StaticMacroCall = { name: string; package?: string } | { dispatch: string; namespace?: string };

/** Context functions that are never macros (dbt skips them by name). */
const NOT_MACROS = new Set(['ref', 'source', 'config']);
const POSITION_FIELDS = new Set(['typename', 'lineno', 'colno']);

export function staticMacroCalls(root: AstNode): StaticMacroCall[] {
  const out: StaticMacroCall[] = [];
  const seen = new Set<string>();
  const add = (call: StaticMacroCall) => {
    const key = JSON.stringify(call);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(call);
    }
  };
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const c of n) visit(c);
      return;
    }
    if (!n || typeof n !== 'object' || typeof (n as AstNode).typename !== 'string') return;
    const node = n as AstNode;
    if (node.typename === 'FunCall') {
      const call = callOf(node);
      if (call) add(call);
    }
    for (const key of Object.keys(node)) if (!POSITION_FIELDS.has(key)) visit(node[key]);
  };
  visit(root);
  return out;
}

function callOf(node: AstNode): StaticMacroCall | undefined {
  const callee = node.name as AstNode | undefined;
  if (callee?.typename === 'Symbol') return NOT_MACROS.has(callee.value) ? undefined : { name: callee.value as string };
  if (callee?.typename !== 'LookupVal' || callee.target?.typename !== 'Symbol' || callee.val?.typename !== 'Literal') return undefined;
  const pkg = callee.target.value as string;
  const attr = callee.val.value;
  if (typeof attr !== 'string') return undefined;
  if (pkg !== 'adapter') return { name: attr, package: pkg };
  return attr === 'dispatch' ? dispatchOf(node) : undefined;
}

/** `adapter.dispatch('name', 'namespace')` / `(macro_name=…, macro_namespace=…)`, literal arguments only. */
function dispatchOf(node: AstNode): StaticMacroCall | undefined {
  const args = ((node.args as AstNode | undefined)?.children ?? []) as AstNode[];
  const positional = args.filter((a) => a.typename !== 'KeywordArgs');
  const keywords = args.filter((a) => a.typename === 'KeywordArgs').flatMap((k) => k.children as AstNode[]);
  const literal = (a: AstNode | undefined) => (a?.typename === 'Literal' && typeof a.value === 'string' ? (a.value as string) : undefined);
  const keyword = (key: string) => literal(keywords.find((p) => p.key?.value === key)?.value as AstNode | undefined);
  const name = keyword('macro_name') ?? literal(positional[0]);
  if (!name) return undefined;
  const namespace = keyword('macro_namespace') ?? literal(positional[1]);
  return namespace ? { dispatch: name, namespace } : { dispatch: name };
}
