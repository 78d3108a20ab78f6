/**
 * The PostgreSQL deal writer against the SQLite one: the same writes, row by row on SQLite
 * and batch by batch on PostgreSQL, leave the same rows in deals, deal_history,
 * quarantine and sync_runs (ids, values, order). What each call answers, on every store
 * kind: test/adapters/storage/deal-writer.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePostgres, openPostgres, type PgDb } from '../../src/adapters/postgres/database.js';
import { createPgDealWriter } from '../../src/adapters/postgres/deal-writer.js';
import { createDealWriter } from '../../src/adapters/storage/deal-writer.js';
import { dealWriterScenario, scenarioDeal } from '../helpers/deal-writer-scenario.js';
import { freshDatabase, type TestDatabase } from '../helpers/postgres-server.js';
import { createTestDb } from '../helpers/test-db.js';

const TABLES = {
  deals: `select id, created_date, closed_date, assigned_date, rep_id, industry, region, product,
    lead_source, stage, amount, cycle_days, outcome, source, deleted_at, sync_run_id, updated_at
    from deals order by id`,
  deal_history: 'select * from deal_history order by id',
  quarantine: 'select * from quarantine order by id',
  sync_runs: 'select * from sync_runs order by id',
};

describe('the PostgreSQL deal writer', () => {
  let database: TestDatabase;
  let pgDb: PgDb;
  beforeAll(async () => {
    database = await freshDatabase();
    pgDb = await openPostgres(database.url);
  });
  afterAll(async () => {
    await closePostgres(pgDb);
    await database.drop();
  });

  for (const firstVersion of ['lazy', 'eager'] as const) {
    it(`writes what the SQLite writer writes (${firstVersion} first versions)`, async () => {
      await pgDb.$client.query(
        'truncate deals, deal_history, quarantine, sync_runs restart identity',
      );
      const sqlite = createTestDb();
      await dealWriterScenario(createDealWriter(sqlite, { firstVersion }));
      await dealWriterScenario(createPgDealWriter(pgDb, { firstVersion }));
      for (const [table, query] of Object.entries(TABLES)) {
        const sqliteRows = sqlite.$client.prepare(query).all() as Array<Record<string, unknown>>;
        const pgRows = (await pgDb.$client.query(query)).rows as Array<Record<string, unknown>>;
        expect({ table, rows: pgRows }).toEqual({ table, rows: sqliteRows });
      }
      sqlite.$client.close();
    });
  }

  it('rolls back a bulk load with the indexes and the columns as they were', async () => {
    await pgDb.$client.query(
      'truncate deals, deal_history, quarantine, sync_runs restart identity',
    );
    const p = createPgDealWriter(pgDb);
    await p.begin();
    const run = await p.createRun('csv', 'x.csv', '2024-07-01');
    expect(await p.isStoreEmpty()).toBe(true); // the bulk path: one COPY, the defaults set
    await p.suspendIndexes();
    await p.insertNewMany([scenarioDeal('X1')], 'csv:x.csv', run, '2024-07-01');
    await p.rollback();
    const indexes = await pgDb.$client.query(
      "select indexname from pg_indexes where tablename = 'deals' order by 1",
    );
    expect(indexes.rows.map((r) => r.indexname)).toEqual(['deals_open_rep_idx', 'deals_pkey']);
    // and the columns' defaults, which the COPY used, are as they were
    const defaults = await pgDb.$client.query(
      "select column_name, column_default from information_schema.columns where table_name = 'deals' and column_default is not null",
    );
    expect(defaults.rows).toEqual([]);
  });
});
