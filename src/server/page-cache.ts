// Answers to repeated list requests, kept as the JSON text sent, each with the store's change
// mark read before its data. A request whose mark still matches gets the same bytes without a
// query: the mark changes with every committed write, from this server, another replica or the
// CLI (Store.changeMark), so a kept page is never older than what the store holds. Bounded
// (least recently used out); only answers that succeeded are kept. The same rule keeps small
// values a page is made from (a project looked up by key) for the pages that are not kept.
import type { Store } from '../domain/ports.js';

export interface PageCache {
  /**
   * The JSON text for `key`: from the cache if the store has not changed, else from `make`,
   * which is given the mark read before it (for `MarkedValues.get`).
   */
  json(key: string, make: (mark: string) => Promise<unknown>): Promise<string>;
}

export interface MarkedValues<T> {
  /** The value kept for `key` if it was read under `mark`, else `load()`'s, kept under `mark`. */
  get(key: string, mark: string, load: () => Promise<T>): Promise<T>;
}

/** A map bounded to `max` entries, least recently used out. */
function recent<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const hit = map.get(key);
      if (hit !== undefined) {
        map.delete(key); // re-insert: Map order is the recency order
        map.set(key, hit);
      }
      return hit;
    },
    set(key: string, value: V): void {
      map.delete(key);
      map.set(key, value);
      if (map.size > max) map.delete(map.keys().next().value!);
    },
  };
}

export function markedValues<T>(max = 100): MarkedValues<T> {
  const kept = recent<{ mark: string; value: T }>(max);
  return {
    async get(key, mark, load) {
      const hit = kept.get(key);
      if (hit && hit.mark === mark) return hit.value;
      const value = await load();
      kept.set(key, { mark, value });
      return value;
    },
  };
}

export function createPageCache(store: Store, max = 500): PageCache {
  const pages = recent<{ mark: string; body: string }>(max);
  return {
    async json(key, make) {
      const mark = await store.changeMark();
      const hit = pages.get(key);
      if (hit && hit.mark === mark) return hit.body;
      const body = JSON.stringify(await make(mark));
      pages.set(key, { mark, body });
      return body;
    },
  };
}
