/**
 * Deal id -> rowid for the ids a bulk load has COPYed: how the writer tells a repeat
 * without asking the server (a repeat in a COPY would abort it).
 *
 * Why not a Map: at a million ids a Map's inserts cost 0.2-0.4 s (1M 8-character ids,
 * measured), a tenth of a whole import, nearly all of it memory latency: each fresh id
 * lands in a random slot of a table bigger than the caches.
 * An export is most often in id order (CRMs list by id, or by creation date, which ids
 * follow), so ids are kept in two parts, as a B-tree's insert fast path does for rising
 * keys: an id above every id so far is appended to a sorted run (one comparison, nothing
 * hashed), and only the others go to a Map. Every id in the Map is below the run's last
 * id, so an id above it is new to both.
 */
export class RowidTable {
  private runIds: string[] = [];
  private runRowids: number[] = [];
  private outOfOrder = new Map<string, number>();
  /** false once the ids came mostly out of order: then the Map holds them all */
  private ordered = true;

  get size(): number {
    return this.runIds.length + this.outOfOrder.size;
  }

  /** The rowid stored for `id`, else undefined. */
  get(id: string): number | undefined {
    const at = this.inRun(id);
    return at >= 0 ? this.runRowids[at] : this.outOfOrder.get(id);
  }

  /** Stores id -> rowid unless the id is there: then its stored rowid, else undefined. */
  addNew(id: string, rowid: number): number | undefined {
    if (!this.ordered) {
      const stored = this.outOfOrder.get(id);
      if (stored === undefined) this.outOfOrder.set(id, rowid);
      return stored;
    }
    const n = this.runIds.length;
    if (n === 0 || id > this.runIds[n - 1]!) {
      this.runIds.push(id);
      this.runRowids.push(rowid);
      return undefined;
    }
    const at = this.inRun(id);
    if (at >= 0) return this.runRowids[at];
    const stored = this.outOfOrder.get(id);
    if (stored !== undefined) return stored;
    this.outOfOrder.set(id, rowid);
    // Mostly out of order (a shuffled export): the run's binary search only adds string
    // comparisons to every lookup, so its ids join the Map, which holds every id from now.
    if (this.outOfOrder.size > n) {
      for (let i = 0; i < n; i++) this.outOfOrder.set(this.runIds[i]!, this.runRowids[i]!);
      this.runIds = [];
      this.runRowids = [];
      this.ordered = false;
    }
    return undefined;
  }

  /** the id's index in the sorted run, else -1 */
  private inRun(id: string): number {
    const run = this.runIds;
    let lo = 0;
    let hi = run.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = run[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  clear(): void {
    this.runIds = [];
    this.runRowids = [];
    this.outOfOrder.clear();
    this.ordered = true;
  }
}
