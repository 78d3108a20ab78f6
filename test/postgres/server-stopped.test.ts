/**
 * PostgreSQL stopped in the middle of an import: the import fails with an error naming the
 * server, the store holds what it held before, and once the server is back the next
 * import succeeds. A private cluster of its own (it is stopped and started).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePostgres, openPostgres, type PgDb } from '../../src/adapters/postgres/database.js';
import { createPgDealWriter } from '../../src/adapters/postgres/deal-writer.js';
import { createPostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import { ingestBatches } from '../../src/app/ingest/ingest.js';
import type { SourceBatch } from '../../src/app/ports/ingest-source.js';
import type { Deal } from '../../src/domain/deal.js';
import { noBlanks } from '../../src/domain/deal-fields.js';
import { scenarioDeal } from '../helpers/deal-writer-scenario.js';
import {
  createDatabase,
  type PrivateCluster,
  startPrivateCluster,
} from '../helpers/postgres-server.js';

const deal = (id: string) => scenarioDeal(id, { amount: 100 });
const many = (from: number, n: number) => Array.from({ length: n }, (_, i) => deal(`D${from + i}`));
const counts = { rows: 0, inserted: 0, updated: 0, unchanged: 0, deleted: 0, quarantined: 0 };

describe('PostgreSQL stopped mid-import', () => {
  let cluster: PrivateCluster;
  let db: PgDb;
  beforeAll(async () => {
    cluster = await startPrivateCluster({ durable: true });
    db = await openPostgres((await createDatabase(cluster.url)).url, { connectTimeoutMs: 2000 });
  });
  afterAll(async () => {
    await closePostgres(db).catch(() => {});
    cluster.destroy();
  });

  /** one import of `deals` in one transaction, as the CSV import writes it */
  async function importDeals(deals: Deal[], stopAfter?: number): Promise<string | null> {
    const w = createPgDealWriter(db);
    try {
      await w.begin();
      const run = await w.createRun('csv', 'x.csv', '2024-07-01T00:00:00Z');
      const bulk = await w.isStoreEmpty();
      const restore = bulk ? await w.suspendIndexes() : null;
      for (let i = 0; i < deals.length; i += 500) {
        if (i === stopAfter) cluster.stop();
        const batch = deals.slice(i, i + 500);
        if (bulk) await w.insertNewMany(batch, 'csv:x.csv', run, '2024-07-01T00:00:00Z');
        else await w.upsertMany(batch, 'csv:x.csv', run, '2024-07-01T00:00:00Z');
      }
      await restore?.();
      await w.finishRun(
        run,
        'succeeded',
        '2024-07-01T00:00:01Z',
        { ...counts, blanks: noBlanks() },
        {
          watermark: null,
          error: null,
          dataAsOf: '2024-01-05',
        },
      );
      await w.commit();
      return null;
    } catch (error) {
      await w.rollback().catch(() => {});
      return (error as Error).message;
    }
  }

  const stored = async () =>
    (
      await db.$client.query(
        'select count(*) as deals, (select count(*) from sync_runs) as runs from deals',
      )
    ).rows[0];

  for (const kind of ['into an empty store (COPY)', 'into a store with deals'] as const) {
    it(`fails with a clear error and keeps the store as it was: ${kind}`, async () => {
      if (kind === 'into a store with deals') {
        expect(await importDeals(many(0, 100))).toBeNull();
      }
      const before = await stored();
      const error = await importDeals(many(1000, 5000), 2500);
      expect(error).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/dealfit_test_\w+ is unreachable: /);
      cluster.start();
      expect(await stored()).toEqual(before);
      // back up: the next import succeeds
      expect(await importDeals(many(1000, 5000))).toBeNull();
      expect((await stored()).deals).toBe(before.deals + 5000);
      await db.$client.query('truncate deals, sync_runs, deal_history');
    });
  }

  it('through the pipeline: the import reports the server by name, keeps nothing, and the next one succeeds', async () => {
    const store = createPostgresStore(db);
    const record = (i: number) => ({
      fields: {
        deal_id: `P${i}`,
        created_date: '2024-01-05',
        sales_rep_id: 'rep_1',
        industry: 'SaaS',
        region: 'EMEA',
        product_type: 'Core',
        lead_source: 'Inbound',
        deal_stage: 'Qualified',
        deal_amount: '100',
      },
      raw: `P${i},…`,
      line: i + 2,
    });
    const batches = async function* (stopAfter?: number): AsyncGenerator<SourceBatch> {
      for (let b = 0; b < 10; b++) {
        if (b === stopAfter) cluster.stop();
        yield { records: Array.from({ length: 500 }, (_, i) => record(b * 500 + i)) };
      }
    };
    const before = await stored();
    const failed = await ingestBatches(store, {
      source: 'csv',
      target: 'deals.csv',
      batches: batches(5),
      now: () => new Date('2024-07-01T00:00:00Z'),
    });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/PostgreSQL at 127\.0\.0\.1:\d+\/dealfit_test_\w+ is unreachable/);
    cluster.start();
    expect(await stored()).toEqual(before);
    const ok = await ingestBatches(store, {
      source: 'csv',
      target: 'deals.csv',
      batches: batches(),
      now: () => new Date('2024-07-01T00:00:00Z'),
    });
    expect(ok).toMatchObject({ status: 'succeeded', inserted: 5000 });
    expect((await stored()).deals).toBe(before.deals + 5000);
  });
});
