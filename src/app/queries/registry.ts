/**
 * Every query dealfit answers, declared once: name -> input schema -> function (and so its
 * result type). The CLI, Slack, the query thread and the conversational interface all run
 * queries by name through a QueryRunner (ports/query-runner.ts) over this registry; adding
 * a query is one entry here and its function.
 */
import type { z } from 'zod';
import {
  type QueryStore,
  queryAudit,
  queryDrivers,
  queryMomentum,
  queryRsfs,
  queryWinRate,
} from './metric-queries.js';
import {
  auditInput,
  driversInput,
  momentumInput,
  rsfsInput,
  winRateInput,
} from './query-inputs.js';
import {
  askDealsInput,
  askPipelineInput,
  askRepInput,
  askWhyInput,
  askWinRateInput,
  vocabularyInput,
} from './question-inputs.js';
import {
  queryAskDeals,
  queryAskPipeline,
  queryAskRep,
  queryAskWhy,
  queryAskWinRate,
  queryVocabulary,
} from './question-queries.js';

export interface QueryDefinition<S extends z.ZodType, R> {
  /** what the query takes; the function checks its input against it */
  input: S;
  run(store: QueryStore, input: z.input<S>): Promise<R>;
}

/** Ties an entry's function to its schema's type, so an entry cannot disagree with itself. */
function defineQuery<S extends z.ZodType, R>(definition: QueryDefinition<S, R>) {
  return definition;
}

const DEFINITIONS = {
  winRate: defineQuery({ input: winRateInput, run: queryWinRate }),
  rsfs: defineQuery({ input: rsfsInput, run: queryRsfs }),
  audit: defineQuery({ input: auditInput, run: queryAudit }),
  momentum: defineQuery({ input: momentumInput, run: queryMomentum }),
  drivers: defineQuery({ input: driversInput, run: queryDrivers }),
  // the figures behind questions in plain words (app/conversation)
  askWinRate: defineQuery({ input: askWinRateInput, run: queryAskWinRate }),
  askWhy: defineQuery({ input: askWhyInput, run: queryAskWhy }),
  askDeals: defineQuery({ input: askDealsInput, run: queryAskDeals }),
  askRep: defineQuery({ input: askRepInput, run: queryAskRep }),
  askPipeline: defineQuery({ input: askPipelineInput, run: queryAskPipeline }),
  vocabulary: defineQuery({ input: vocabularyInput, run: queryVocabulary }),
};
type Definitions = typeof DEFINITIONS;

export type QueryName = keyof Definitions;
export type QueryInput<N extends QueryName> = z.input<Definitions[N]['input']>;
export type QueryResult<N extends QueryName> = Awaited<ReturnType<Definitions[N]['run']>>;
export type Query<N extends QueryName> = QueryDefinition<Definitions[N]['input'], QueryResult<N>>;

/**
 * The registry, typed as a map over the names so that `QUERIES[name].run(store, input)`
 * keeps the link between a name, its input and its result for a generic `name`.
 */
export const QUERIES: { [N in QueryName]: Query<N> } = DEFINITIONS;

export const QUERY_NAMES = Object.keys(QUERIES) as QueryName[];

/** Runs query `name` on `store` in the calling thread (the CLI, the jobs). */
export async function runQuery<N extends QueryName>(
  store: QueryStore,
  name: N,
  input: QueryInput<N>,
): Promise<QueryResult<N>> {
  const query: Query<N> = QUERIES[name];
  return query.run(store, input);
}
