import { TsdbtError } from '../diagnostics/diagnostic.js';
import { closestName } from '../diagnostics/suggest.js';

/** `doc('name')` / `doc('package', 'name')`: the calling package first, then the root, then any package. */
export function lookupDoc(docs: Map<string, string>, args: unknown[], fromPackage: string, rootPackage: string, file?: string): string {
  const [a, b] = args.map(String);
  const name = b ?? a!;
  const candidates = b ? [`${a}.${b}`] : [`${fromPackage}.${name}`, `${rootPackage}.${name}`];
  for (const key of candidates) if (docs.has(key)) return docs.get(key)!;
  if (!b) for (const [key, text] of docs) if (key.endsWith(`.${name}`)) return text;
  const near = closestName(name, [...docs.keys()].map((k) => k.slice(k.indexOf('.') + 1)));
  throw new TsdbtError('TSDBT_DOC_NOT_FOUND', `doc('${name}') does not match any {% docs %} block`, {
    file,
    hint: near ? `Did you mean '${near}'?` : 'Define it in a .md file: {% docs name %}...{% enddocs %}',
  });
}
