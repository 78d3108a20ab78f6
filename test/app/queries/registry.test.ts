/**
 * The query registry: every entry refuses a bad input with the words users see today, a
 * query run in the query thread answers exactly as in this thread (errors included), and
 * the names, inputs and results are tied together at the type level.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import type { QueryInput, QueryResult, QueryRunner } from '../../../src/app/ports/query-runner.js';
import { DealNotFoundError } from '../../../src/app/queries/metric-queries.js';
import { queriesInThisThread } from '../../../src/app/queries/queries-in-this-thread.js';
import { parseQueryInput } from '../../../src/app/queries/query-inputs.js';
import { QUERIES, QUERY_NAMES, type QueryName } from '../../../src/app/queries/registry.js';
import type { AuditResult } from '../../../src/domain/rep-audit.js';
import type { WinRateResult } from '../../../src/domain/win-rate.js';
import { inQueryThread, type QueryThreads } from '../../../src/wiring/query-thread.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { createTempDbPath } from '../../helpers/test-db.js';

/** One bad input per entry, and the message the CLI and Slack show for it. */
const BAD: { [N in QueryName]: Array<[input: unknown, message: string]> } = {
  winRate: [
    [{ window: 0 }, 'window must be a whole number of days or "all", got "0"'],
    [{ window: 'some' }, 'window must be a whole number of days or "all", got "some"'],
    [{ window: 90, asOf: '2024-13-01' }, '--as-of must be a date YYYY-MM-DD, got "2024-13-01"'],
    [
      { window: 90, by: 'colour' },
      'by must be one of industry, region, product, leadSource, rep, got "colour"',
    ],
  ],
  rsfs: [
    [{ dealId: 'D1', asOf: 'yesterday' }, '--as-of must be a date YYYY-MM-DD, got "yesterday"'],
  ],
  audit: [
    [{ month: '2024-6' }, '--month must look like 2024-06, got "2024-6"'],
    [{ asOf: '30/06/2024' }, '--as-of must be a date YYYY-MM-DD, got "30/06/2024"'],
  ],
  momentum: [
    [{ quarter: 'Q2' }, '--quarter must look like 2024Q2, got "Q2"'],
    [{ asOf: '2024-02-30' }, '--as-of must be a date YYYY-MM-DD, got "2024-02-30"'],
  ],
  drivers: [[{ asOf: 'now' }, '--as-of must be a date YYYY-MM-DD, got "now"']],
  askWinRate: [
    [
      { filters: {}, period: { from: '2024-04-01', to: '2024-06-31' } },
      'a date must be YYYY-MM-DD, got "2024-06-31"',
    ],
    [
      { filters: {}, period: { from: '2024-06-01', to: '2024-04-30' } },
      'a period must not end before it starts',
    ],
  ],
  askWhy: [
    [
      { filters: {}, period: { from: '2024-04-01', to: '2024-06-30' } },
      'a comparison period (compareTo) is needed',
    ],
  ],
  askDeals: [[{ filters: { flag: 'PURPLE' } }, 'a flag is RED, YELLOW or GREEN, got "PURPLE"']],
  askRep: [
    [
      { filters: {}, period: { from: '2024-04-01', to: '2024-06-30' } },
      'a rep id (repId) is needed',
    ],
  ],
  askPipeline: [[{ filters: { minAmount: -5 } }, 'an amount is a number of dollars ≥ 0, got "-5"']],
  vocabulary: [[{ asOf: '2024-6-1' }, '--as-of must be a date YYYY-MM-DD, got "2024-6-1"']],
};

/** One good input per entry, to compare the two threads. */
const GOOD: { [N in QueryName]: QueryInput<N> } = {
  winRate: { window: 90, by: 'industry' },
  rsfs: { dealId: 'D00001' },
  audit: {},
  momentum: { partial: true },
  drivers: {},
  askWinRate: {
    filters: { industry: 'SaaS' },
    period: { from: '2024-04-01', to: '2024-06-30' },
    compareTo: { from: '2024-01-01', to: '2024-03-31' },
    groupBy: 'region',
  },
  askWhy: {
    filters: {},
    period: { from: '2024-04-01', to: '2024-06-30' },
    compareTo: { from: '2024-01-01', to: '2024-03-31' },
  },
  askDeals: { filters: { flag: 'RED', minAmount: 10_000 } },
  askRep: { repId: 'rep_3', filters: {}, period: { from: '2024-01-01', to: '2024-06-30' } },
  askPipeline: { filters: { region: 'EMEA' } },
  vocabulary: {},
};

describe('the query registry', () => {
  it('has an entry for every query, each with a bad-input case here', () => {
    expect(QUERY_NAMES.sort()).toEqual(Object.keys(BAD).sort());
  });

  it('refuses a bad input to every entry with the user-facing message, as a RangeError', () => {
    for (const name of QUERY_NAMES) {
      for (const [input, message] of BAD[name]) {
        expect(() => parseQueryInput(QUERIES[name].input, input), name).toThrow(
          new RangeError(message),
        );
      }
    }
  });

  it('ties each name to its input and result at the type level', () => {
    expectTypeOf<QueryResult<'winRate'>>().toEqualTypeOf<WinRateResult>();
    expectTypeOf<QueryResult<'audit'>>().toEqualTypeOf<AuditResult>();
    expectTypeOf<QueryInput<'rsfs'>>().toHaveProperty('dealId').toEqualTypeOf<string>();
    expectTypeOf<QueryRunner['run']>().parameter(0).toEqualTypeOf<QueryName>();
    // checked by tsc, never run
    const typeOnly = (runner: QueryRunner) => {
      expectTypeOf(runner.run('winRate', { window: 90 })).resolves.toEqualTypeOf<WinRateResult>();
      // @ts-expect-error: the win rate takes a window, not a deal id
      void runner.run('winRate', { dealId: 'D1' });
    };
    expect(typeof typeOnly).toBe('function');
  });
});

describe('queries in the query thread', () => {
  let tmp: ReturnType<typeof createTempDbPath>;
  let db: ReturnType<typeof openDatabase>;
  let here: QueryRunner;
  let threads: QueryThreads;

  beforeAll(() => {
    tmp = createTempDbPath();
    db = openDatabase(tmp.path);
    insertDemoDeals(db, { deals: 3000 });
    here = queriesInThisThread(createSqliteStore(db));
    threads = inQueryThread({ dbPath: tmp.path });
  });
  afterAll(async () => {
    await threads.close();
    closeDatabase(db);
    tmp.cleanup();
  });

  it('answers every entry the same as in this thread', async () => {
    for (const name of QUERY_NAMES) {
      const input = GOOD[name] as QueryInput<typeof name>;
      expect(await threads.queries.run(name, input), name).toEqual(await here.run(name, input));
    }
  }, 60_000);

  it('rejects the same way: a RangeError stays one, an unknown deal keeps its ids', async () => {
    for (const name of QUERY_NAMES) {
      const [input, message] = BAD[name][0]!;
      const there = threads.queries.run(name, input as QueryInput<typeof name>);
      await expect(there).rejects.toThrow(new RangeError(message));
      await expect(there).rejects.toBeInstanceOf(RangeError);
    }
    const unknown = { dealId: 'D0001' };
    const thereError = await threads.queries.run('rsfs', unknown).catch((e: unknown) => e);
    const hereError = await here.run('rsfs', unknown).catch((e: unknown) => e);
    expect(thereError).toBeInstanceOf(DealNotFoundError);
    expect(thereError).toMatchObject({
      name: 'DealNotFoundError',
      message: (hereError as Error).message,
      dealId: 'D0001',
      similar: (hereError as DealNotFoundError).similar,
    });
    expect((hereError as DealNotFoundError).similar.length).toBeGreaterThan(0);
  });

  it('draws a chart there and hands back a Buffer', async () => {
    const report = await here.run('winRate', { window: 90 });
    const png = await threads.charts.winRateTrend(report);
    expect(Buffer.isBuffer(png.data)).toBe(true);
    expect(png.data.subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 30_000);
});
