import { TsdbtError } from '../diagnostics/diagnostic.js';
import { checkMethod } from './methods.js';
import type { IndirectSelection, SelectionCriteria, SelectionSet, SelectionSpec } from './types.js';

// dbt's RAW_SELECTOR_PATTERN: optional `@`, `N+`, `method:`, the value, `+N`.
const RAW_SELECTOR = /^(?<cp>@)?(?<parents>(?<pd>\d*)\+)?(?:(?<method>[\w.]+):)?(?<value>.*?)(?<children>\+(?<cd>\d*))?$/s;

/** Where a spec was written, so errors point at it (a CLI flag or a line of selectors.yml). */
export interface SpecOrigin {
  file?: string;
  line?: number;
  /** Exit code for a bad spec: 2 on the command line, 1 in a project file. */
  exitCode: number;
}

const CLI: SpecOrigin = { exitCode: 2 };

/** One CLI-style selector such as `2+tag:nightly+1`, `@orders`, `config.materialized:table`. */
export function parseCriteria(raw: string, indirect: IndirectSelection, origin: SpecOrigin = CLI): SelectionCriteria {
  const m = RAW_SELECTOR.exec(raw)?.groups;
  if (!m || m.value === '') throw badSpec(`Invalid node spec "${raw}": no search value.`, origin);
  if (m.cp && m.parents) throw badSpec(`Invalid node spec "${raw}": the "@" and "+" prefixes cannot be combined.`, origin);
  const value = m.value!;
  const [method, ...args] = m.method ? m.method.split('.') : [defaultMethod(value)];
  checkMethod(method!, raw, origin);
  return {
    kind: 'criteria',
    raw,
    method: method!,
    args,
    value,
    childrensParents: Boolean(m.cp),
    parents: Boolean(m.parents),
    parentsDepth: depth(m.pd),
    children: Boolean(m.children),
    childrenDepth: depth(m.cd),
    indirectSelection: indirect,
  };
}

/** `['a b', 'c,d']` → union(a, b, intersection(c, d)), as dbt's parse_union. */
export function parseUnion(components: string[], indirect: IndirectSelection, origin: SpecOrigin = CLI): SelectionSet {
  const parts = components.flatMap((c) => c.split(' ')).filter((p) => p !== '');
  const intersections = parts.map(
    (part): SelectionSet => ({
      kind: 'intersection',
      components: part.split(',').filter((p) => p !== '').map((p) => parseCriteria(p, indirect, origin)),
      raw: part,
      expectExists: true,
      indirectSelection: indirect,
    }),
  );
  return { kind: 'union', components: intersections, raw: components.join(' '), expectExists: false, indirectSelection: indirect };
}

/** `--select … --exclude …`. Excludes always expand eagerly, so a model's tests go out with it. */
export function parseDifference(include: SelectionSpec, exclude: string[] | undefined, indirect: IndirectSelection): SelectionSpec {
  if (!exclude || exclude.length === 0) return include;
  return {
    kind: 'difference',
    components: [include, parseUnion(exclude, 'eager')],
    raw: `${include.raw} --exclude ${exclude.join(' ')}`,
    expectExists: false,
    indirectSelection: indirect,
  };
}

/** Without `method:`, dbt guesses: a value with a path separator is a path, `*.sql|.py|.csv` a file, else an fqn. */
export function defaultMethod(value: string): string {
  if (value.includes('/') || value.includes('\\')) return 'path';
  if (/\.(sql|py|csv)$/i.test(value)) return 'file';
  return 'fqn';
}

function depth(digits: string | undefined): number | undefined {
  return digits ? Number.parseInt(digits, 10) : undefined;
}

export function badSpec(message: string, origin: SpecOrigin, hint?: string, code = 'TSDBT_SELECTOR_INVALID'): TsdbtError {
  return new TsdbtError(code, message, { exitCode: origin.exitCode, file: origin.file, line: origin.line, hint });
}
