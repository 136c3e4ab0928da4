// Answers to repeated list requests, kept as the JSON text sent, each with the store's change
// mark read before its data. A request whose mark still matches gets the same bytes without a
// query: the mark changes with every committed write, from this server, another replica or the
// CLI (Store.changeMark), so a kept page is never older than what the store holds. Bounded
// (least recently used out); only answers that succeeded are kept.
import type { Store } from '../domain/ports.js';

export interface PageCache {
  /** The JSON text for `key`: from the cache if the store has not changed, else from `make`. */
  json(key: string, make: () => Promise<unknown>): Promise<string>;
}

export function createPageCache(store: Store, max = 500): PageCache {
  const pages = new Map<string, { mark: string; body: string }>();
  return {
    async json(key, make) {
      const mark = await store.changeMark();
      const hit = pages.get(key);
      if (hit && hit.mark === mark) {
        pages.delete(key); // re-insert: Map order is the recency order
        pages.set(key, hit);
        return hit.body;
      }
      const body = JSON.stringify(await make());
      pages.delete(key);
      pages.set(key, { mark, body });
      if (pages.size > max) pages.delete(pages.keys().next().value!);
      return body;
    },
  };
}
