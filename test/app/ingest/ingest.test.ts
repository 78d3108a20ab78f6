import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCsvSource } from '../../../src/adapters/crm/csv/csv-source.js';
import { loadMappingFile } from '../../../src/adapters/crm/csv/field-mapping.js';
import type { Db } from '../../../src/adapters/storage/database.js';
import { closeDatabase, openDatabase } from '../../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { readStatus } from '../../../src/adapters/storage/status-queries.js';
import { readLiveDealIds, readSyncHealth } from '../../../src/adapters/storage/sync-health.js';
import {
  type IngestOptions,
  ingestBatches,
  type SourceBatch,
  type SourceRecord,
} from '../../../src/app/ingest/ingest.js';
import { newestDate, sampleDealRows, sampleDealsCsv } from '../../helpers/sample-deals.js';
import { createTempDbPath, createTestDb } from '../../helpers/test-db.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/csv');
const fixture = (name: string) => resolve(FIXTURES, name);
const now = () => new Date('2026-01-15T09:00:00.000Z');

let db: Db;
beforeEach(() => {
  db = createTestDb();
});
afterEach(() => {
  db.$client.close();
});

function importCsv(path: string, extra: Partial<IngestOptions> = {}, mappingPath?: string) {
  const mapping = mappingPath ? loadMappingFile(mappingPath) : undefined;
  const source = createCsvSource(path, mapping);
  return ingestBatches(createSqliteStore(db), {
    source: 'csv',
    target: path,
    batches: source.batches,
    now,
    ...extra,
  });
}

const all = (sql: string, ...params: unknown[]) =>
  db.$client.prepare(sql).all(...params) as Array<Record<string, unknown>>;
const count = (table: string) =>
  db.$client.prepare(`select count(*) from ${table}`).pluck().get() as number;

function quarantined() {
  return all('select line, record_id as id, reasons from quarantine order by line').map((q) => ({
    line: q.line,
    id: q.id,
    reasons: JSON.parse(q.reasons as string) as string[],
  }));
}

describe('ingestBatches from CSV', () => {
  it('imports the sample deals: every row, none quarantined, as of its newest date; again: all unchanged', async () => {
    const csv = await sampleDealsCsv();
    const rows = await sampleDealRows();
    const n = rows.length;
    const asOf = newestDate(rows);
    const first = await importCsv(csv);
    expect(first).toMatchObject({
      status: 'succeeded',
      rows: n,
      inserted: n,
      updated: 0,
      unchanged: 0,
      quarantined: 0,
      dataAsOf: asOf,
    });
    expect(count('deals')).toBe(n);
    const second = await importCsv(csv);
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: n, quarantined: 0 });
    expect(count('deal_history')).toBe(0);
    const runs = all('select status, rows, unchanged, data_as_of from sync_runs order by id');
    expect(runs).toEqual([
      { status: 'succeeded', rows: n, unchanged: 0, data_as_of: asOf },
      { status: 'succeeded', rows: n, unchanged: n, data_as_of: asOf },
    ]);
    const open = rows.find((r) => r.outcome === null)!;
    const closed = rows.find((r) => r.outcome !== null)!;
    for (const d of [open, closed]) {
      expect(all('select * from deals where id = ?', d.id)[0]).toMatchObject({
        created_date: d.createdDate,
        closed_date: d.closedDate,
        rep_id: d.repId,
        industry: d.industry,
        amount: d.amount,
        cycle_days: d.cycleDays,
        outcome: d.outcome,
        source: 'csv:sample-deals.csv',
        sync_run_id: 1,
      });
    }
  });

  it('accepts a BOM, CRLF, quoted commas and newlines, any column order, extra columns, open deals', async () => {
    const summary = await importCsv(fixture('variants.csv'));
    expect(summary).toMatchObject({ rows: 5, inserted: 5, quarantined: 0, dataAsOf: '2024-03-10' });
    const deals = all(
      'select id, outcome, closed_date, region, amount, cycle_days from deals order by id',
    );
    expect(deals).toEqual([
      {
        id: 'D1',
        outcome: 'won',
        closed_date: '2024-01-11',
        region: 'Europe',
        amount: 4253,
        cycle_days: 10,
      },
      {
        id: 'D2',
        outcome: 'lost',
        closed_date: '2024-02-04',
        region: 'North America, East',
        amount: 1000,
        cycle_days: 30,
      },
      {
        id: 'D3',
        outcome: 'won',
        closed_date: '2024-02-01',
        region: 'APAC',
        amount: 2500.5,
        cycle_days: 0,
      },
      {
        id: 'D4',
        outcome: null,
        closed_date: null,
        region: 'India',
        amount: 9000,
        cycle_days: null,
      },
      {
        id: 'D5',
        outcome: null,
        closed_date: null,
        region: 'India',
        amount: 120,
        cycle_days: null,
      },
    ]);
  });

  it('quarantines each bad row with its line and a reason a person understands, and imports the rest', async () => {
    const summary = await importCsv(fixture('bad-rows.csv'));
    expect(summary).toMatchObject({ status: 'succeeded', rows: 11, inserted: 2, quarantined: 9 });
    expect(all('select id from deals order by id').map((d) => d.id)).toEqual(['G1', 'G2']);
    expect(quarantined()).toEqual([
      { line: 2, id: 'D1', reasons: ['closed_date 2023-02-30 is not a date'] },
      { line: 3, id: 'D2', reasons: ['outcome "Maybe" is not won or lost'] },
      { line: 4, id: 'D3', reasons: ['deal_amount -5 is negative'] },
      { line: 5, id: 'D4', reasons: ['closed_date 2023-01-01 before created_date 2023-01-10'] },
      { line: 6, id: 'D5', reasons: ['outcome won without closed_date'] },
      { line: 7, id: 'D6', reasons: ['closed_date 2023-01-10 without outcome (won or lost)'] },
      // a blank region alone would import (metrics.md "Missing values"); the rep is required
      { line: 8, id: 'D7', reasons: ['sales_rep_id is missing'] },
      {
        line: 9,
        id: 'D8',
        reasons: [
          'the line has 11 fields, the header has 12 (an unquoted comma, or a missing one?)',
        ],
      },
      {
        line: 10,
        id: 'D9',
        reasons: ['sales_cycle_days 12 does not match closed_date − created_date (9 days)'],
      },
    ]);
    const raw = all('select raw from quarantine where line = 3')[0]?.raw;
    expect(raw).toBe('D2,2023-01-01,2023-01-10,rep_1,SaaS,Europe,Core,Inbound,Closed,100,9,Maybe');
  });

  it('ignores an identical repeat of a deal id and quarantines a conflicting one, naming both lines', async () => {
    const summary = await importCsv(fixture('duplicates.csv'));
    expect(summary).toMatchObject({ rows: 4, inserted: 2, unchanged: 1, quarantined: 1 });
    expect(quarantined()).toEqual([
      {
        line: 5,
        id: 'D2',
        reasons: [
          'deal_id D2 repeats line 3 with different values (deal_amount 200 → 250); line 3 was kept',
        ],
      },
    ]);
    expect(all("select amount from deals where id = 'D2'")).toEqual([{ amount: 200 }]);
  });

  it('updates a changed deal and appends its versions to deal_history; unchanged rows add nothing', async () => {
    await importCsv(fixture('base.csv'));
    expect(count('deal_history')).toBe(0);
    const again = await importCsv(fixture('base.csv'));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(count('deal_history')).toBe(0);

    const changed = await importCsv(fixture('base-changed.csv'));
    expect(changed).toMatchObject({
      rows: 4,
      inserted: 1,
      updated: 1,
      unchanged: 2,
      dataAsOf: '2023-04-01',
    });
    expect(
      all("select outcome, closed_date, cycle_days, sync_run_id from deals where id = 'D2'"),
    ).toEqual([{ outcome: 'won', closed_date: '2023-04-01', cycle_days: 90, sync_run_id: 3 }]);
    // The first version is kept (with the run that imported it) just before the first change.
    expect(
      all(
        'select deal_id, sync_run_id, change, outcome, closed_date from deal_history order by id',
      ),
    ).toEqual([
      { deal_id: 'D2', sync_run_id: 1, change: 'insert', outcome: null, closed_date: null },
      {
        deal_id: 'D2',
        sync_run_id: 3,
        change: 'update',
        outcome: 'won',
        closed_date: '2023-04-01',
      },
    ]);
    const fourth = await importCsv(fixture('base-changed.csv'));
    expect(fourth).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    expect(count('deal_history')).toBe(2);
  });

  it.each([
    ['missing-column.csv', /missing required column region; the header is: deal_id, created_date/],
    ['empty.csv', /^the file is empty$/],
    ['header-only.csv', /^the file has a header but no data rows$/],
    ['no-header.csv', /^the first line is not a header \(it holds data such as "2023-01-01"\)/],
    ['binary.csv', /^not a CSV text file: binary data \(a NUL byte\) at byte 9/],
    ['unterminated-quote.csv', /^line 2: a quoted field opens here and is never closed/],
    ['not-csv.json', /^missing required columns deal_id, created_date/],
  ])('rejects %s as a whole, writing nothing but the failed run', async (name, message) => {
    await importCsv(fixture('base.csv'));
    const before = all('select * from deals order by id');
    const summary = await importCsv(fixture(name));
    expect(summary.status).toBe('failed');
    expect(summary.error).toMatch(message);
    expect(summary).toMatchObject({ rows: 0, inserted: 0, quarantined: 0, dataAsOf: null });
    expect(all('select * from deals order by id')).toEqual(before);
    expect(count('quarantine')).toBe(0);
    expect(count('deal_history')).toBe(0);
    const runs = all('select id, status, error, rows from sync_runs order by id');
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ id: summary.syncRunId, status: 'failed', rows: 0 });
    expect(runs[1]?.error).toMatch(message);
  });

  it('leaves nothing of a file whose source fails midway (after good rows)', async () => {
    const good = (id: string, line: number): SourceRecord => ({
      line,
      raw: id,
      fields: {
        deal_id: id,
        created_date: '2024-01-01',
        sales_rep_id: 'r',
        industry: 'i',
        region: 'g',
        product_type: 'p',
        lead_source: 'l',
        deal_stage: 's',
        deal_amount: '1',
      },
    });
    async function* batches(): AsyncGenerator<SourceBatch> {
      yield { records: [good('A', 2), good('B', 3)] };
      yield { records: [{ ...good('C', 4), fields: { deal_id: 'C' } }] };
      throw new Error('disk read error');
    }
    const summary = await ingestBatches(createSqliteStore(db), {
      source: 'csv',
      target: 'x.csv',
      batches: batches(),
      now,
    });
    expect(summary).toMatchObject({ status: 'failed', error: 'disk read error', rows: 0 });
    expect(count('deals')).toBe(0);
    expect(count('quarantine')).toBe(0);
    expect(all('select status, error from sync_runs')).toEqual([
      { status: 'failed', error: 'disk read error' },
    ]);
  });

  it('honours --as-of and a dry run writes nothing', async () => {
    const dry = await importCsv(fixture('base.csv'), { dryRun: true });
    expect(dry).toMatchObject({
      status: 'succeeded',
      syncRunId: 0,
      inserted: 3,
      dataAsOf: '2023-03-01',
    });
    expect(count('deals') + count('sync_runs') + count('quarantine')).toBe(0);
    const real = await importCsv(fixture('base.csv'), { asOf: '2023-06-30' });
    expect(real).toMatchObject({ inserted: 3, dataAsOf: '2023-06-30' });
    expect(all('select data_as_of from sync_runs')).toEqual([{ data_as_of: '2023-06-30' }]);
  });

  it('maps a HubSpot export with the shipped example mapping', async () => {
    const summary = await importCsv(
      fixture('hubspot-export.csv'),
      {},
      resolve(import.meta.dirname, '../../../examples/mapping.hubspot.json'),
    );
    expect(summary).toMatchObject({ rows: 4, inserted: 4, quarantined: 0 });
    expect(
      all('select * from deals order by id').map((d) => [
        d.id,
        d.created_date,
        d.closed_date,
        d.outcome,
        d.industry,
        d.lead_source,
        d.amount,
        d.cycle_days,
      ]),
    ).toEqual([
      ['H-101', '2024-01-15', '2024-02-20', 'won', 'SaaS', 'Inbound', 12500, 36],
      ['H-102', '2024-01-20', '2024-03-01', 'lost', 'FinTech', 'Referral', 8000, 41],
      ['H-103', '2024-03-02', null, null, 'Ecommerce', 'Partner', 23000.5, null],
      ['H-104', '2024-02-29', '2024-03-15', 'won', 'EdTech', 'Inbound', 4000, 15],
    ]);
  });
});

describe('ingestBatches when another writer holds the store', () => {
  it('fails with a clear reason instead of waiting forever or throwing', async () => {
    const tmp = createTempDbPath();
    const holder = openDatabase(tmp.path);
    const waiting = openDatabase(tmp.path, { busyTimeoutMs: 50 });
    try {
      holder.$client.exec('BEGIN IMMEDIATE');
      const source = createCsvSource(fixture('base.csv'));
      const summary = await ingestBatches(createSqliteStore(waiting), {
        source: 'csv',
        target: 'base.csv',
        batches: source.batches,
        now,
      });
      expect(summary).toMatchObject({ status: 'failed', syncRunId: 0, rows: 0 });
      expect(summary.error).toBe(
        'the database is busy: another import or sync is writing to it; try again when it is done',
      );
      holder.$client.exec('ROLLBACK');
    } finally {
      closeDatabase(waiting);
      closeDatabase(holder);
      tmp.cleanup();
    }
  });
});

describe('ingestBatches from a CRM (batches with watermarks and deletions)', () => {
  const record = (id: string, amount: string): SourceRecord => ({
    recordId: `006${id}`,
    raw: JSON.stringify({ id, amount }),
    fields: {
      deal_id: id,
      created_date: '2024-01-01',
      closed_date: '2024-01-20',
      sales_rep_id: 'r1',
      industry: 'SaaS',
      region: 'EU',
      product_type: 'Core',
      lead_source: 'Inbound',
      deal_stage: 'Closed Won',
      deal_amount: amount,
      outcome: 'won',
    },
  });

  it('commits each batch with its watermark, marks deletions and records the sync date as as-of', async () => {
    async function* batches(): AsyncGenerator<SourceBatch> {
      yield { records: [record('A', '10'), record('B', '20')], watermark: 'w1' };
      yield { records: [record('C', '30')], deletedIds: ['B', 'nope'], watermark: 'w2' };
    }
    const summary = await ingestBatches(createSqliteStore(db), {
      source: 'salesforce',
      target: 'acme',
      batches: batches(),
      now,
    });
    expect(summary).toMatchObject({
      status: 'succeeded',
      rows: 3,
      inserted: 3,
      deleted: 1,
      watermark: 'w2',
      dataAsOf: '2026-01-15',
    });
    expect(all("select deleted_at from deals where id = 'B'")).toEqual([
      { deleted_at: '2026-01-15T09:00:00.000Z' },
    ]);
    expect(all('select deal_id, change from deal_history order by id')).toEqual([
      { deal_id: 'B', change: 'insert' },
      { deal_id: 'B', change: 'delete' },
    ]);
    expect(all('select source from deals where id = ?', 'A')).toEqual([{ source: 'salesforce' }]);
  });

  it('keeps the committed batches and their watermark when a later batch fails', async () => {
    async function* batches(): AsyncGenerator<SourceBatch> {
      yield { records: [record('A', '10')], watermark: 'w1' };
      yield { records: [record('B', '20')], watermark: 'w2' };
      throw new Error('Salesforce: REQUEST_LIMIT_EXCEEDED');
    }
    const summary = await ingestBatches(createSqliteStore(db), {
      source: 'salesforce',
      target: 'acme',
      batches: batches(),
      now,
    });
    expect(summary).toMatchObject({
      status: 'failed',
      error: 'Salesforce: REQUEST_LIMIT_EXCEEDED',
      rows: 2,
      inserted: 2,
      watermark: 'w2',
    });
    expect(all('select id from deals order by id')).toEqual([{ id: 'A' }, { id: 'B' }]);
    expect(all('select status, watermark, inserted, error from sync_runs')).toEqual([
      {
        status: 'failed',
        watermark: 'w2',
        inserted: 2,
        error: 'Salesforce: REQUEST_LIMIT_EXCEEDED',
      },
    ]);
  });

  it('quarantines records the source rejected, and names CRM record ids for conflicting repeats', async () => {
    async function* batches(): AsyncGenerator<SourceBatch> {
      yield {
        records: [
          { ...record('A', '10'), rejected: ['StageName "Parked" is not mapped to an outcome'] },
          record('B', '20'),
          { ...record('B', '25'), recordId: '006B-2' },
        ],
      };
    }
    const summary = await ingestBatches(createSqliteStore(db), {
      source: 'salesforce',
      target: 'acme',
      batches: batches(),
      now,
    });
    expect(summary).toMatchObject({ rows: 3, inserted: 1, quarantined: 2 });
    expect(all('select record_id, reasons, line from quarantine order by id')).toEqual([
      {
        record_id: '006A',
        reasons: '["StageName \\"Parked\\" is not mapped to an outcome"]',
        line: null,
      },
      {
        record_id: '006B-2',
        reasons:
          '["deal_id B repeats record 006B with different values (deal_amount 20 → 25); record 006B was kept"]',
        line: null,
      },
    ]);
  });

  it('keeps webhook deliveries apart from Salesforce syncs: their failures do not count toward its streak', async () => {
    const failingDelivery = async function* (): AsyncGenerator<SourceBatch> {
      yield* [];
      throw new Error('the database is busy');
    };
    for (let i = 0; i < 3; i++) {
      const failed = await ingestBatches(createSqliteStore(db), {
        source: 'webhook',
        target: '/hooks/deals',
        batches: failingDelivery(),
        now,
      });
      expect(failed.status).toBe('failed');
    }
    await ingestBatches(createSqliteStore(db), {
      source: 'webhook',
      target: '/hooks/deals',
      batches: (async function* () {
        yield { records: [record('W', '10')] };
      })(),
      asOf: '2026-01-15',
      now,
    });
    expect(readSyncHealth(db, 'salesforce').consecutiveFailures).toBe(0);
    expect(readSyncHealth(db, 'webhook').consecutiveFailures).toBe(0); // the last one succeeded
    expect(all('select source from sync_runs order by id')).toEqual(
      Array.from({ length: 4 }, () => ({ source: 'webhook' })),
    );
    // a full Salesforce sync's "vanished" check only looks at deals Salesforce sent
    expect(all('select source from deals where id = ?', 'W')).toEqual([{ source: 'webhook' }]);
    expect(readLiveDealIds(db, 'salesforce')).toEqual([]);
    // `status` lists imports and syncs, and sums the deliveries up instead of listing them
    await importCsv(fixture('base.csv'));
    const status = readStatus(db);
    expect(status.lastSyncs.map((r) => r.source)).toEqual(['csv']);
    expect(status.webhook).toMatchObject({ deliveries: 4, failed: 3, lastError: null });
  });
});
