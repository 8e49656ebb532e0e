/**
 * dbt's node selection grammar, in the browser: space = union, comma = intersection, `+`/`N+` ancestors,
 * `+`/`+N` descendants, `@` descendants and their ancestors, methods `fqn:` (default), `tag:`, `path:`,
 * `source:`, `resource_type:`, `package:`, `exposure:`, `test_name:` and `config.<key>:`; `*` globs in values.
 */
export interface SelectableNode {
  id: string;
  name: string;
  type: string;
  fqn: string[];
  path: string;
  tags: string[];
  packageName: string;
  sourceName?: string;
  config: Record<string, unknown>;
  parents: string[];
  children: string[];
}

export interface SelectorAtom {
  method: string;
  value: string;
  parents: number | undefined;
  children: number | undefined;
  at: boolean;
}

export class SelectorError extends Error {}

const ATOM = /^(@)?(?:(\d*)\+)?(?:([a-z_.]+):)?([^+\s]+?)(?:\+(\d*))?$/i;
const ALL = Number.POSITIVE_INFINITY;

/** Parses one atom such as `2+tag:daily+1`. */
export function parseAtom(text: string): SelectorAtom {
  const m = ATOM.exec(text);
  if (!m) throw new SelectorError(`cannot read selector "${text}"`);
  const [, at, up, method, value, down] = m;
  const hasUp = text.replace(/^@/, '').match(/^\d*\+/) !== null;
  const hasDown = /\+\d*$/.test(text);
  if (at && hasUp) throw new SelectorError(`"${text}": @ and a leading + cannot be combined`);
  return {
    method: (method ?? defaultMethod(value!)).toLowerCase(),
    value: value!,
    parents: hasUp ? (up ? Number(up) : ALL) : undefined,
    children: hasDown ? (down ? Number(down) : ALL) : undefined,
    at: Boolean(at),
  };
}

function defaultMethod(value: string): string {
  return value.includes('/') || /\.(sql|py|csv)$/.test(value) ? 'path' : 'fqn';
}

/** `*` and `?` as in fnmatch, case-sensitive like dbt. */
function glob(pattern: string, text: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === text;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(text);
}

function fqnMatches(fqn: string[], selector: string): boolean {
  if (fqn.length > 0 && glob(selector, fqn[fqn.length - 1]!)) return true;
  const flat = fqn.flatMap((part) => part.split('.'));
  const parts = selector.split('.');
  if (parts.length > flat.length) return false;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '*') return true;
    if (!glob(parts[i]!, flat[i]!)) return false;
  }
  return true;
}

function methodMatches(node: SelectableNode, method: string, value: string): boolean {
  switch (method) {
    case 'fqn': return fqnMatches(node.fqn, value);
    case 'tag': return node.tags.some((t) => glob(value, t));
    case 'path': return node.path === value || node.path.startsWith(value.replace(/\/?$/, '/')) || glob(value, node.path);
    case 'resource_type': return node.type === value;
    case 'package': return glob(value, node.packageName);
    case 'source': {
      if (node.type !== 'source') return false;
      const [src, table] = value.split('.');
      return glob(src!, node.sourceName ?? '') && (table === undefined || glob(table, node.name));
    }
    case 'exposure': return node.type === 'exposure' && glob(value, node.name);
    case 'test_name': return node.type === 'test' && glob(value, node.name);
    default:
      if (method.startsWith('config.')) return String(node.config[method.slice('config.'.length)] ?? '') === value;
      throw new SelectorError(`unknown selection method "${method}"`);
  }
}

function walk(start: Iterable<string>, index: Map<string, SelectableNode>, dir: 'parents' | 'children', depth: number, into: Set<string>): void {
  let frontier = [...start];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const other of index.get(id)?.[dir] ?? []) {
        if (!into.has(other) && index.has(other)) {
          into.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
}

function selectAtom(atom: SelectorAtom, nodes: SelectableNode[], index: Map<string, SelectableNode>): Set<string> {
  const seeds = nodes.filter((n) => methodMatches(n, atom.method, atom.value)).map((n) => n.id);
  const out = new Set(seeds);
  if (atom.parents !== undefined) walk(seeds, index, 'parents', atom.parents, out);
  if (atom.children !== undefined || atom.at) walk(seeds, index, 'children', atom.children ?? ALL, out);
  if (atom.at) walk([...out], index, 'parents', ALL, out);
  return out;
}

/** Evaluates `select` minus `exclude` over the nodes; an empty `select` selects everything. */
export function selectNodes(nodes: SelectableNode[], select: string, exclude = ''): Set<string> {
  const index = new Map(nodes.map((n) => [n.id, n]));
  const evaluate = (expr: string): Set<string> => {
    const union = new Set<string>();
    for (const term of expr.trim().split(/\s+/).filter(Boolean)) {
      const sets = term.split(',').filter(Boolean).map((a) => selectAtom(parseAtom(a), nodes, index));
      const [first, ...rest] = sets;
      for (const id of first ?? []) if (rest.every((s) => s.has(id))) union.add(id);
    }
    return union;
  };
  const selected = select.trim() ? evaluate(select) : new Set(index.keys());
  if (exclude.trim()) for (const id of evaluate(exclude)) selected.delete(id);
  return selected;
}
