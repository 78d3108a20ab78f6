/**
 * A small LRU memo keyed by the data version: the same question on the same data gets the
 * same report (and chart) without recomputing. Any new deal version or sync changes the
 * version, which empties the cache. Failures are not cached.
 */
import type { QueryName, QueryRunner } from '../ports/query-runner.js';

export class AnswerCache {
  private version = '';
  private readonly entries = new Map<string, unknown>();

  constructor(
    private readonly currentVersion: () => string,
    private readonly maxEntries = 64,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** `version`: the data version when the caller has read it already (an async store) */
  memo<T>(key: string, compute: () => T, version = this.currentVersion()): T {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    if (this.entries.has(key)) {
      const hit = this.entries.get(key) as T;
      // re-insert: Map keeps insertion order, so the oldest key is the least recently used
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    if (value instanceof Promise) {
      // keep the promise so concurrent askers share one computation; drop it if it fails
      value.catch(() => {
        if (this.entries.get(key) === value) this.entries.delete(key);
      });
    }
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }
}

/** The cache key of a query: its name and its input, keys sorted and unset ones left out. */
export function queryKey(name: QueryName, input: object): string {
  const set = Object.entries(input)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${name}:${JSON.stringify(set)}`;
}

/**
 * `runner` behind `cache`: the same query on the same data is answered once. `dataVersion`:
 * the store's version, read before the cache is asked (a networked store answers later);
 * without it, the cache's own `currentVersion`.
 */
export function cachedQueries(
  runner: QueryRunner,
  cache: AnswerCache,
  dataVersion?: () => Promise<string>,
): QueryRunner {
  if (!dataVersion) {
    return {
      run: (name, input) => cache.memo(queryKey(name, input), () => runner.run(name, input)),
    };
  }
  return {
    run: async (name, input) => {
      const version = await dataVersion();
      return cache.memo(queryKey(name, input), () => runner.run(name, input), version);
    },
  } as QueryRunner;
}
