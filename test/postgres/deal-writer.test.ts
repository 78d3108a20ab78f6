/**
 * The PostgreSQL deal writer against the SQLite one: the same writes, row by row on SQLite
 * and batch by batch on PostgreSQL, leave the same rows in deals, deal_history,
 * quarantine and sync_runs (ids, values, order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePostgres, openPostgres, type PgDb } from '../../src/adapters/postgres/database.js';
import { createPgDealWriter } from '../../src/adapters/postgres/deal-writer.js';
import { createDealWriter } from '../../src/adapters/storage/deal-writer.js';
import type { DealWriter } from '../../src/app/ports/ingest-store.js';
import type { Deal } from '../../src/domain/deal.js';
import { noBlanks } from '../../src/domain/deal-fields.js';
import { freshDatabase, type TestDatabase } from '../helpers/postgres-server.js';
import { createTestDb } from '../helpers/test-db.js';

const deal = (id: string, over: Partial<Deal> = {}): Deal => ({
  id,
  createdDate: '2024-01-05',
  closedDate: null,
  assignedDate: null,
  repId: 'rep_1',
  industry: 'SaaS',
  region: 'EMEA',
  product: 'Core',
  leadSource: 'Inbound',
  stage: 'Qualified',
  amount: 1234.5,
  cycleDays: null,
  outcome: null,
  ...over,
});

const counts = { rows: 3, inserted: 2, updated: 1, unchanged: 0, deleted: 0, quarantined: 1 };

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

  /** One import and one sync, batch by batch; what each call answered. */
  async function scenario(w: DealWriter): Promise<unknown[]> {
    const out: unknown[] = [];
    const at = '2024-07-01T06:00:00.000Z';
    const later = '2024-07-02T06:00:00.000Z';
    // a bulk load with a repeat inside a batch and one across batches
    await w.begin();
    out.push(await w.isStoreEmpty());
    const run = await w.createRun('csv', 'deals.csv', at);
    out.push(run);
    const restore = await w.suspendIndexes();
    const first = [deal('D1'), deal('D2', { amount: null, industry: null }), deal('D1')];
    const firstIds = await w.insertNewMany(first, 'csv:deals.csv', run, at);
    out.push(firstIds.map((n) => n !== null));
    const second = [deal('D3', { repId: 'tab\there', stage: 'back\\slash\nnewline' }), deal('D2')];
    out.push((await w.insertNewMany(second, 'csv:deals.csv', run, at)).map((n) => n !== null));
    // a repeat's first occurrence, by insertion number
    out.push((await w.rowidsOf(['D2']))[0] === firstIds[1]);
    out.push(await w.currentMany(['D1', 'D9']));
    const entry = { line: 4, recordId: 'D1', raw: 'D1,…', reasons: ['repeat of line 2'] };
    await w.quarantineMany(run, 'csv:deals.csv', [entry, { ...entry, line: null }], at);
    await restore();
    const outcome = { watermark: null, error: null, dataAsOf: '2024-01-05' };
    await w.finishRun(run, 'succeeded', at, { ...counts, blanks: noBlanks() }, outcome);
    await w.commit();

    // a second run: changed, unchanged, new, deleted and unknown deals
    await w.begin();
    out.push(await w.isStoreEmpty());
    const run2 = await w.createRun('salesforce', 'acme', later);
    const batch = [
      deal('D1', { outcome: 'won', closedDate: '2024-06-30', cycleDays: 177 }),
      deal('D2', { amount: null, industry: null }),
      deal('D4', { amount: 0.1 + 0.2 }),
      deal('D3', { repId: 'rep_2' }),
    ];
    out.push(await w.upsertMany(batch, 'salesforce', run2, later));
    out.push(await w.markDeletedMany(['D2', 'D9', 'D2', 'D4'], run2, later));
    out.push(await w.currentMany(['D1', 'D9', 'D2']));
    // a deleted deal comes back
    out.push(await w.upsertMany([deal('D2')], 'salesforce', run2, later));
    out.push(await w.newestDate());
    await w.commit();
    // a failed run recorded on its own, outside a transaction
    out.push(await w.recordFailedRun('salesforce', 'acme', later, later, 'boom'));
    return out;
  }

  for (const firstVersion of ['lazy', 'eager'] as const) {
    it(`writes what the SQLite writer writes (${firstVersion} first versions)`, async () => {
      await pgDb.$client.query(
        'truncate deals, deal_history, quarantine, sync_runs restart identity',
      );
      const sqlite = createTestDb();
      const fromSqlite = await scenario(createDealWriter(sqlite, { firstVersion }));
      const fromPg = await scenario(createPgDealWriter(pgDb, { firstVersion }));
      expect(fromPg).toEqual(fromSqlite);
      expect(fromPg[7]).toEqual(['updated', 'unchanged', 'inserted', 'updated']);
      for (const [table, query] of Object.entries(TABLES)) {
        const sqliteRows = sqlite.$client.prepare(query).all() as Array<Record<string, unknown>>;
        const pgRows = (await pgDb.$client.query(query)).rows as Array<Record<string, unknown>>;
        expect({ table, rows: pgRows }).toEqual({ table, rows: sqliteRows });
      }
      sqlite.$client.close();
    });
  }

  it('rolls back: a failed import leaves nothing behind, and the indexes are kept', async () => {
    await pgDb.$client.query(
      'truncate deals, deal_history, quarantine, sync_runs restart identity',
    );
    const p = createPgDealWriter(pgDb);
    await p.begin();
    const run = await p.createRun('csv', 'x.csv', '2024-07-01');
    expect(await p.isStoreEmpty()).toBe(true); // the bulk path: one COPY, primary key dropped
    await p.suspendIndexes();
    expect(await p.insertNewMany([deal('X1'), deal('X1')], 'csv:x.csv', run, '2024-07-01')).toEqual(
      [1, null],
    );
    await p.rollback();
    const deals = await pgDb.$client.query('select count(*) as n from deals');
    expect(deals.rows[0].n).toBe(0);
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
