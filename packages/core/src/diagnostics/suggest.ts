/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/**
 * The closest candidate to `name` across one or more pools, ignoring case, when it is close enough to be a
 * plausible typo. Candidates whose length alone puts them out of reach are skipped without computing a distance.
 */
export function closestName(name: string, ...pools: Iterable<string>[]): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = limit + 1;
  for (const pool of pools) {
    for (const candidate of pool) {
      if (Math.abs(candidate.length - name.length) >= bestScore) continue;
      const d = distance(lower, candidate.toLowerCase());
      if (d < bestScore) {
        best = candidate;
        bestScore = d;
      }
    }
  }
  return best;
}
