const SNAPSHOT = /{%-?\s*snapshot\s+([A-Za-z_]\w*)\s*-?%}([\s\S]*?){%-?\s*endsnapshot\s*-?%}/g;

export interface SnapshotBlock {
  name: string;
  body: string;
  /** Line where the body starts. */
  line: number;
}

/** `{% snapshot name %}…{% endsnapshot %}` blocks: each one is a snapshot node whose code is the body. */
export function parseSnapshotBlocks(source: string): SnapshotBlock[] {
  const out: SnapshotBlock[] = [];
  for (const m of source.matchAll(SNAPSHOT)) {
    const bodyStart = m.index + m[0].indexOf('%}') + 2;
    out.push({ name: m[1]!, body: m[2]!, line: source.slice(0, bodyStart).split('\n').length });
  }
  return out;
}
