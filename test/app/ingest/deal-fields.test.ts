/**
 * The deal fields are declared once (src/domain/deal-fields.ts): the CSV header, the zod
 * row schema, the webhook's required fields and the SQL columns all come from DEAL_FIELDS,
 * and agree with the store's real schema.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CANONICAL_HEADER, formatDealCsvRow } from '../../../src/adapters/crm/csv/csv-writer.js';
import { REQUIRED_COLUMNS } from '../../../src/adapters/crm/csv/field-mapping.js';
import type { Db } from '../../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { parseWebhookBody } from '../../../src/adapters/webhook/deal-body.js';
import {
  createSchemaOnlyValidator,
  rowFieldSchemas,
} from '../../../src/app/ingest/row-validation.js';
import type { Deal } from '../../../src/domain/deal.js';
import {
  CANONICAL_FIELDS,
  CSV_DEAL_FIELDS,
  DEAL_FIELDS,
  DEAL_VALUE_FIELDS,
  describeDifferences,
  REQUIRED_FIELDS,
} from '../../../src/domain/deal-fields.js';
import { dealTableFrom, TABLE_FIELDS } from '../../../src/domain/deal-table.js';
import { createTestDb } from '../../helpers/test-db.js';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/csv/base.csv');

const DEAL: Deal = {
  id: 'D1',
  createdDate: '2024-01-02',
  closedDate: '2024-01-12',
  assignedDate: null,
  repId: 'rep_1',
  industry: 'SaaS, "cloud"',
  region: 'Europe',
  product: 'Core',
  leadSource: 'Inbound',
  stage: 'Closed',
  amount: 1200.5,
  cycleDays: 10,
  outcome: 'won',
};

let db: Db | undefined;
afterEach(() => {
  db?.$client.close();
  db = undefined;
});

describe('DEAL_FIELDS', () => {
  it('names every Deal property once, and each CSV name and SQL column once', () => {
    const properties = DEAL_FIELDS.map((f) => f.property).sort();
    expect(properties).toEqual(Object.keys(DEAL).sort());
    for (const key of ['csv', 'column'] as const) {
      const names = DEAL_FIELDS.map((f) => f[key]).filter((n) => n !== null);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('gives the CSV header: the fixtures and the CSV writer use it', () => {
    expect(CANONICAL_HEADER).toBe(CSV_DEAL_FIELDS.map((f) => f.csv).join(','));
    expect(readFileSync(FIXTURE, 'utf8').split('\n')[0]).toBe(CANONICAL_HEADER);
    expect(formatDealCsvRow(DEAL).split(',').length).toBe(CANONICAL_FIELDS.length + 1); // one quoted comma
    expect(formatDealCsvRow(DEAL)).toBe(
      'D1,2024-01-02,2024-01-12,rep_1,"SaaS, ""cloud""",Europe,Core,Inbound,Closed,1200.5,10,Won',
    );
  });

  it("gives the zod row schema's keys and its required fields", () => {
    const options = { dateFormat: 'YYYY-MM-DD', ignoreCloseDateOfOpenDeals: false } as const;
    expect(Object.keys(rowFieldSchemas(options))).toEqual(CANONICAL_FIELDS);
    const empty = createSchemaOnlyValidator()({});
    expect(empty.ok).toBe(false);
    const missing = empty.ok ? [] : empty.reasons.map((r) => /^(\w+) is missing$/.exec(r)?.[1]);
    expect(missing).toEqual(REQUIRED_FIELDS);
  });

  it("gives the webhook's required fields and the columns a CSV file must have", () => {
    const parsed = parseWebhookBody('{}');
    expect(parsed.ok ? [] : parsed.errors).toEqual(REQUIRED_FIELDS.map((f) => `${f}: required`));
    expect(REQUIRED_COLUMNS).toEqual(CANONICAL_FIELDS.filter((f) => f !== 'sales_cycle_days'));
  });

  it("gives SQL columns that the store's deals and deal_history tables have, typed by kind", () => {
    db = createTestDb();
    const columns = (table: string) =>
      new Map(
        (
          db!.$client.prepare(`pragma table_info(${table})`).all() as Array<{
            name: string;
            type: string;
          }>
        ).map((c) => [c.name, c.type]),
      );
    const deals = columns('deals');
    const history = columns('deal_history');
    const sqlType = { amount: 'real', int: 'integer' } as Record<string, string>;
    for (const f of DEAL_FIELDS) {
      expect(deals.get(f.column)?.toLowerCase(), f.column).toBe(sqlType[f.kind] ?? 'text');
    }
    for (const f of DEAL_VALUE_FIELDS) expect(history.has(f.column), f.column).toBe(true);
  });

  it('writes a deal and reads it back through the generated statements, field for field', async () => {
    db = createTestDb();
    const writer = await createSqliteStore(db).ingest.openWriter();
    await writer.begin();
    const runId = await writer.createRun('csv', 'test.csv', '2024-02-01T00:00:00.000Z');
    const deal = { ...DEAL, assignedDate: '2024-01-05' };
    const now = '2024-02-01T00:00:00.000Z';
    expect(await writer.upsertMany([deal], 'csv:test.csv', runId, now)).toEqual(['inserted']);
    const { id, ...values } = deal;
    expect(await writer.currentMany([id])).toEqual([{ ...values, deletedAt: null }]);
    expect(await writer.upsertMany([deal], 'csv:test.csv', runId, now)).toEqual(['unchanged']);
    const changed = { ...deal, amount: 1300, region: 'Asia' };
    expect(await writer.upsertMany([changed], 'csv:test.csv', runId, now)).toEqual(['updated']);
    expect(describeDifferences(values, changed)).toEqual([
      'region Europe → Asia',
      'deal_amount 1200.5 → 1300',
    ]);
    await writer.commit();
    const history = db.$client
      .prepare(
        `select ${DEAL_VALUE_FIELDS.map((f) => f.column).join(', ')} from deal_history order by id`,
      )
      .raw(true)
      .all();
    // the first version (copied lazily before the change), then the update
    expect(history).toEqual([
      DEAL_VALUE_FIELDS.map((f) => deal[f.property]),
      DEAL_VALUE_FIELDS.map((f) => changed[f.property]),
    ]);
    // and the table the metrics read is built from the same fields
    expect(TABLE_FIELDS.map((f) => f.property)).not.toContain('cycleDays');
    const table = dealTableFrom([changed], '2024-06-30');
    expect(table.ids).toEqual(['D1']);
    expect(table.labels.region).toEqual(['Asia']);
    expect(table.amount[0]).toBe(1300);
  });
});
