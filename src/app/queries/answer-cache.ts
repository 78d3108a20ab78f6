/**
 * A small LRU memo keyed by the data version: the same question on the same data gets the
 * same report (and chart) without recomputing. Any new deal version or sync changes the
 * version, which empties the cache. Failures are not cached.
 */
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

  memo<T>(key: string, compute: () => T): T {
    const version = this.currentVersion();
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
