/**
 * The deal table, loaded once per (as-of date, data version) for the queries that read it.
 * Every question loads the whole table and selects from it (30 ms on the 5,000-deal
 * public data set, seconds on a million deals): in bench:ask's profile, loading it again
 * for each new question was a quarter of the questions thread's time. A DealTable is
 * never written after it is built (only DealTableBuilder fills its arrays), so queries
 * can share one. A new import or sync changes the data version, which empties the cache.
 */
import type { DealStore } from '../ports/deal-store.js';
import type { Store } from '../ports/store.js';
import { AnswerCache } from './answer-cache.js';

/** tables kept: today's as-of and one other (a question about an earlier date) */
const KEPT = 2;

export function withTableCache<S extends Pick<Store, 'deals'>>(store: S, kept = KEPT): S {
  const source = store.deals;
  // the version is read from the store on each load (asynchronously) and handed in
  const tables = new AnswerCache(() => '', kept);
  const deals: DealStore = {
    ...source,
    loadTable: async (asOf) =>
      tables.memo(asOf, () => source.loadTable(asOf), await source.dataVersion()),
  };
  return { ...store, deals };
}
