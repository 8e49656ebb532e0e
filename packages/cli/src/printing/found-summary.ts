import type { Manifest } from '@tsdbt/core';

/** dbt's "Found 3 models, 6 data tests, 2 seeds, 1 source, 420 macros" line. */
export function foundSummary(m: Manifest): string {
  const count = new Map<string, number>();
  for (const n of Object.values(m.nodes)) count.set(n.resource_type, (count.get(n.resource_type) ?? 0) + 1);
  const parts: [number, string][] = [
    [count.get('model') ?? 0, 'model'], [count.get('snapshot') ?? 0, 'snapshot'], [count.get('analysis') ?? 0, 'analysis'],
    [count.get('seed') ?? 0, 'seed'], [count.get('test') ?? 0, 'data test'], [Object.keys(m.sources).length, 'source'],
    [Object.keys(m.exposures).length, 'exposure'], [Object.keys(m.unit_tests).length, 'unit test'], [Object.keys(m.macros).length, 'macro'],
  ];
  const plural = (n: number, w: string) => `${n} ${n === 1 ? w : w === 'analysis' ? 'analyses' : `${w}s`}`;
  return `Found ${parts.filter(([n]) => n > 0).map(([n, w]) => plural(n, w)).join(', ')}`;
}
