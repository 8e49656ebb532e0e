import { TsdbtError } from '../diagnostics/diagnostic.js';

const DOCS = /{%-?\s*docs\s+([A-Za-z_][\w]*)\s*-?%}([\s\S]*?){%-?\s*enddocs\s*-?%}/g;

export interface DocBlock {
  name: string;
  text: string;
  line: number;
}

/** `{% docs name %}…{% enddocs %}` blocks of one .md file; the body is kept verbatim, trimmed as dbt does. */
export function parseDocBlocks(source: string, file: string): DocBlock[] {
  const out: DocBlock[] = [];
  for (const m of source.matchAll(DOCS)) {
    out.push({ name: m[1]!, text: m[2]!.trim(), line: source.slice(0, m.index).split('\n').length });
  }
  const opened = (source.match(/{%-?\s*docs\s/g) ?? []).length;
  if (opened > out.length) {
    const idx = source.search(/{%-?\s*docs\s/);
    throw new TsdbtError('TSDBT_JINJA_SYNTAX', 'A {% docs %} block is not closed with {% enddocs %}', {
      file,
      line: source.slice(0, idx).split('\n').length,
    });
  }
  return out;
}
