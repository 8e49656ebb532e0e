import type { SiteDetails, SiteNode, SitePayload } from '../site-payload.js';
import { SearchIndex } from './search.js';

/**
 * The loaded artifacts, indexed once: nodes by id, tests by the node they test, the search index (built on first
 * use), and each node's details, loaded on demand from `assets/details/<n>.js` through a script tag.
 */
export class Store {
  readonly byId: Map<string, SiteNode>;
  readonly testsOf = new Map<string, SiteNode[]>();
  private searchIndex?: SearchIndex;
  private readonly chunks = new Map<number, Promise<Record<string, SiteDetails>>>();
  private readonly arrived = new Map<number, (chunk: Record<string, SiteDetails>) => void>();

  constructor(readonly payload: SitePayload) {
    this.byId = new Map(payload.nodes.map((n) => [n.id, n]));
    for (const n of payload.nodes) {
      if (n.type !== 'test' || !n.testedNode) continue;
      const list = this.testsOf.get(n.testedNode) ?? [];
      list.push(n);
      this.testsOf.set(n.testedNode, list);
    }
    window.__TSDBT_DETAILS__ = (n, chunk) => this.arrived.get(n)?.(chunk);
  }

  get search(): SearchIndex {
    this.searchIndex ??= new SearchIndex(this.payload.nodes);
    return this.searchIndex;
  }

  label(id: string): string {
    const n = this.byId.get(id);
    if (!n) return id;
    return n.type === 'source' ? `${n.sourceName}.${n.name}` : n.name;
  }

  async details(id: string): Promise<SiteDetails | undefined> {
    const node = this.byId.get(id);
    if (!node) return undefined;
    return (await this.chunk(node.detailChunk))[id];
  }

  private chunk(n: number): Promise<Record<string, SiteDetails>> {
    let pending = this.chunks.get(n);
    if (!pending) {
      pending = new Promise((done, fail) => {
        this.arrived.set(n, done);
        const script = document.createElement('script');
        script.src = `assets/details/${n}.js`;
        script.onerror = () => fail(new Error(`assets/details/${n}.js did not load`));
        document.head.append(script);
      });
      this.chunks.set(n, pending);
    }
    return pending;
  }
}

declare global {
  interface Window {
    __TSDBT__?: SitePayload;
    __TSDBT_DETAILS__?: (n: number, chunk: Record<string, SiteDetails>) => void;
  }
}
