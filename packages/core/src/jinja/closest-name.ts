/** The closest known name to a misspelt one (for "did you mean" hints). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_v, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

export function closestName(name: string, ...pools: Iterable<string>[]): string | undefined {
  let best: string | undefined;
  let bestScore = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const pool of pools) {
    for (const candidate of pool) {
      if (Math.abs(candidate.length - name.length) >= bestScore) continue;
      const d = distance(name, candidate);
      if (d < bestScore) {
        best = candidate;
        bestScore = d;
      }
    }
  }
  return best;
}
