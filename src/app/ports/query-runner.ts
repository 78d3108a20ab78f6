/**
 * Running a query by name (app/queries/registry.ts): in this thread over a store, in the
 * query thread (wiring/), behind the answer cache, or from fixtures in tests. Slack and the
 * conversational interface only ever see this port.
 */
import type { QueryInput, QueryName, QueryResult } from '../queries/registry.js';

export type { QueryInput, QueryName, QueryResult };

export interface QueryRunner {
  /** rejects with a RangeError for input or data the user can fix, and a DealNotFoundError
   *  (with `similar` ids) for an unknown deal */
  run<N extends QueryName>(name: N, input: QueryInput<N>): Promise<QueryResult<N>>;
}
