/**
 * End to end, figure for figure: the project's sample CSV imported by the real pipeline
 * into SQLite and into PostgreSQL, then a sync that changes and deletes some deals, the
 * daily metrics run and the driver model on both: every stored figure (metric_history,
 * deal_scores, rep_audits, model_versions) is the same, to the last digit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCsvSource } from '../../src/adapters/crm/csv/csv-source.js';
import { defaultMapping } from '../../src/adapters/crm/csv/field-mapping.js';
import { closePostgres, openPostgres, type PgDb } from '../../src/adapters/postgres/database.js';
import { createPostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import type { Db } from '../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import { ingestBatches } from '../../src/app/ingest/ingest.js';
import { runDriverModel } from '../../src/app/jobs/drivers-run.js';
import { runMetrics } from '../../src/app/jobs/metrics-run.js';
import type { SourceBatch } from '../../src/app/ports/ingest-source.js';
import type { Store } from '../../src/app/ports/store.js';
import { freshDatabase, type TestDatabase } from '../helpers/postgres-server.js';
import { sampleDealRows, sampleDealsCsv } from '../helpers/sample-deals.js';
import { createTestDb } from '../helpers/test-db.js';

const now = () => new Date('2024-07-01T06:00:00.000Z');
const TABLES = {
  metric_history:
    'select as_of, metric, dimension, segment, value, won, n, ci_lo, ci_hi, detail, computed_at from metric_history order by as_of, metric, dimension, segment',
  deal_scores:
    'select deal_id, as_of, rsfs, ci_lo, ci_hi, raw_won, raw_n, source, flag, percentile, computed_at from deal_scores order by deal_id, as_of',
  rep_audits: 'select month, as_of, result, created_at from rep_audits order by month',
  model_versions:
    'select version, as_of, train_from, train_to, valid_from, valid_to, n_train, n_valid, auc_rsfs, auc_deal, auc_combined, result from model_versions order by id',
  deals: 'select * from deals order by id',
};

describe('the same figures from SQLite and PostgreSQL', () => {
  let database: TestDatabase;
  let pgDb: PgDb;
  let sqlite: Db;
  const stores: Record<'sqlite' | 'postgres', Store> = {} as never;

  beforeAll(async () => {
    database = await freshDatabase();
    pgDb = await openPostgres(database.url);
    sqlite = createTestDb();
    stores.sqlite = createSqliteStore(sqlite);
    stores.postgres = createPostgresStore(pgDb);
    const csv = await sampleDealsCsv();
    const rows = await sampleDealRows();
    // a later sync: 200 deals closed or re-staged, 20 deleted (rows move in PostgreSQL's heap)
    const changed = rows.slice(0, 200).map((r, i) => ({
      fields: {
        deal_id: r.id,
        created_date: r.createdDate,
        closed_date: r.closedDate ?? (i % 2 ? '2024-06-29' : ''),
        sales_rep_id: r.repId,
        industry: r.industry ?? '',
        region: r.region ?? '',
        product_type: r.product ?? '',
        lead_source: r.leadSource ?? '',
        deal_stage: i % 3 ? 'Negotiation' : (r.stage ?? ''),
        deal_amount: r.amount === null || r.amount === undefined ? '' : String(r.amount * 1.1),
        outcome: r.outcome ?? (i % 2 ? 'Won' : ''),
      },
      raw: '{}',
    }));
    for (const store of Object.values(stores)) {
      const source = createCsvSource(csv, defaultMapping());
      const imported = await ingestBatches(store, {
        source: 'csv',
        target: csv,
        batches: source.batches,
        now,
      });
      expect(imported.status).toBe('succeeded');
      const sync = async function* (): AsyncGenerator<SourceBatch> {
        yield { records: changed.slice(0, 100) };
        yield { records: changed.slice(100), deletedIds: rows.slice(300, 320).map((r) => r.id) };
      };
      const synced = await ingestBatches(store, {
        source: 'salesforce',
        target: 'acme',
        batches: sync(),
        now,
      });
      expect(synced).toMatchObject({ status: 'succeeded', deleted: 20 });
      await runMetrics(store, { now });
      await runDriverModel(store, { now });
    }
  }, 120_000);

  afterAll(async () => {
    sqlite.$client.close();
    await closePostgres(pgDb);
    await database.drop();
  });

  for (const [table, query] of Object.entries(TABLES)) {
    it(`stores the same ${table}`, async () => {
      const fromSqlite = sqlite.$client.prepare(query).all() as Array<Record<string, unknown>>;
      const fromPg = (await pgDb.$client.query(query)).rows as Array<Record<string, unknown>>;
      expect(fromSqlite.length).toBeGreaterThan(0);
      // rowid is PostgreSQL's own column (SQLite's is implicit)
      for (const row of fromPg) delete row.rowid;
      expect(fromPg).toEqual(fromSqlite);
    });
  }
});
