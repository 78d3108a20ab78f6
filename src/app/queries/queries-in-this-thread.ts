import type { QueryRunner } from '../ports/query-runner.js';
import type { QueryStore } from './metric-queries.js';
import { runQuery } from './registry.js';
import { withTableCache } from './table-cache.js';

/** The registry's queries on `store`, computed in the calling thread. */
export function queriesInThisThread(store: QueryStore): QueryRunner {
  const cached = withTableCache(store);
  return {
    // runQuery is async: a throw is a rejection
    run: (name, input) => runQuery(cached, name, input),
  };
}
