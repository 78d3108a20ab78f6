/**
 * A QueryRunner answering from hand-made reports, for Slack tests that must not depend on
 * the metric queries' numbers. Records what it was asked; `fail` makes the next call throw.
 */
import type {
  QueryInput,
  QueryName,
  QueryResult,
  QueryRunner,
} from '../../src/app/ports/query-runner.js';
import { auditReport, rsfsReport, winRateReport } from './report-fixtures.js';

export class FixtureDealNotFound extends Error {
  override name = 'DealNotFoundError';
  constructor(
    readonly dealId: string,
    readonly similar: string[],
  ) {
    super(`deal ${dealId} not found`);
  }
}

export type FixtureQueries = QueryRunner & { asked: string[]; fail?: Error };

export function fixtureQueries(): FixtureQueries {
  const answers: { [N in QueryName]?: (input: QueryInput<N>) => QueryResult<N> } = {
    winRate(o) {
      queries.asked.push(`winrate ${o.by ?? '-'} ${o.window}`);
      if (queries.fail) throw queries.fail;
      return winRateReport({
        dimension: o.by ?? 'industry',
        segments: o.by ? 5 : 0,
        window: o.window,
      });
    },
    rsfs({ dealId }) {
      queries.asked.push(`rsfs ${dealId}`);
      if (queries.fail) throw queries.fail;
      if (dealId !== 'D04521') throw new FixtureDealNotFound(dealId, ['D04521', 'D04512']);
      return rsfsReport();
    },
    audit(o) {
      queries.asked.push(`audit ${o.month ?? '-'}`);
      if (queries.fail) throw queries.fail;
      if (o.month === '2030-01')
        throw new RangeError('month 2030-01 is not complete as of 2024-06-30');
      return auditReport();
    },
  };
  const queries: FixtureQueries = {
    asked: [],
    run<N extends QueryName>(name: N, input: QueryInput<N>): Promise<QueryResult<N>> {
      // the executor's throw is a rejection, as from a real runner
      return new Promise<QueryResult<N>>((resolve) => {
        const answer = answers[name] as ((input: QueryInput<N>) => QueryResult<N>) | undefined;
        if (!answer) throw new Error(`no fixture answer for the ${name} query`);
        resolve(answer(input));
      });
    },
  };
  return queries;
}
