// The benchmark project's DAG: for model i, the earlier models it refs (1–3, none for model 0), drawn from a fixed
// seed so every run and every generator (dbt-style, Dataform) describes the same graph.
export function modelRefs(n) {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, (_, i) =>
    i === 0 ? [] : [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => Math.floor(rand() * i)))],
  );
}
