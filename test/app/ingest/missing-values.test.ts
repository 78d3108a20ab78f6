/**
 * metrics.md "Missing values", end to end from a CSV: deals with blank descriptive fields or
 * a blank amount import (0 quarantined) and count in every figure; the still-required fields
 * quarantine with line and reason; "(not set)" rows; the RSFS fallback and no co-lead; sums
 * of amounts that leave blank amounts out and say how many; the hygiene counts. Expected
 * figures are counted here from the CSV text itself, not through dealfit's code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCsvSource } from '../../../src/adapters/crm/csv/csv-source.js';
import type { Db } from '../../../src/adapters/storage/database.js';
import { listBlankDeals } from '../../../src/adapters/storage/hygiene-queries.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { readStatus } from '../../../src/adapters/storage/status-queries.js';
import { ContextScoring } from '../../../src/app/colead/colead-scoring.js';
import { ingestBatches } from '../../../src/app/ingest/ingest.js';
import { queryRsfs, queryWinRate } from '../../../src/app/queries/metric-queries.js';
import { NO_COLEAD_WITHOUT_INDUSTRY } from '../../../src/app/queries/query-results.js';
import {
  queryAskDeals,
  queryAskPipeline,
  queryVocabulary,
} from '../../../src/app/queries/question-queries.js';
import { NOT_SET } from '../../../src/domain/deal.js';
import { CANONICAL_HEADER } from '../../../src/domain/deal-fields.js';
import { createTestDb } from '../../helpers/test-db.js';

const INDUSTRIES = ['SaaS', 'FinTech', 'HealthTech'];
const REGIONS = ['Europe', 'APAC', 'North America'];
const SOURCES = ['Inbound', 'Outbound', 'Referral'];
const AS_OF = '2024-06-30';

interface Row {
  id: string;
  created: string;
  closed: string;
  rep: string;
  industry: string;
  region: string;
  product: string;
  source: string;
  stage: string;
  amount: string;
  outcome: string;
}

const day = (n: number) =>
  new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * 400 deals over 18 months, 6 reps: every 7th industry blank, every 5th region blank,
 * every 6th lead source blank, every 4th amount blank; every 9th deal open. The last deal
 * is an open deal of rep_1 with no industry (the RSFS fallback's subject).
 */
function rows(): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < 400; i++) {
    const created = Math.floor((i * 500) / 400);
    const open = i % 9 === 0;
    const won = (i * 7) % 10 < 4 + (i % 6 === 1 ? 2 : 0);
    out.push({
      id: `M${String(i + 1).padStart(4, '0')}`,
      created: day(created),
      closed: open ? '' : day(created + 10 + (i % 40)),
      rep: `rep_${(i % 6) + 1}`,
      industry: i % 7 === 3 ? '' : (INDUSTRIES[i % 3] as string),
      region: i % 5 === 2 ? '' : (REGIONS[(i >> 1) % 3] as string),
      product: 'Core',
      source: i % 6 === 4 ? ' ' : (SOURCES[(i >> 2) % 3] as string),
      stage: open ? 'Demo' : 'Closed',
      amount: i % 4 === 1 ? '' : String(1000 + ((i * 37) % 50) * 100),
      outcome: open ? '' : won ? 'Won' : 'Lost',
    });
  }
  out.push({
    id: 'M9999',
    created: '2024-06-20',
    closed: '',
    rep: 'rep_1',
    industry: '',
    region: 'Europe',
    product: 'Core',
    source: 'Inbound',
    stage: 'Demo',
    amount: '',
    outcome: '',
  });
  return out;
}

function csvOf(list: Row[]): string {
  const lines = list.map((r) =>
    [
      r.id,
      r.created,
      r.closed,
      r.rep,
      r.industry,
      r.region,
      r.product,
      r.source,
      r.stage,
      r.amount,
      '',
      r.outcome,
    ].join(','),
  );
  return `${CANONICAL_HEADER}\n${lines.join('\n')}\n`;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function importText(db: Db, text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'dealfit-blanks-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'deals.csv');
  writeFileSync(path, text);
  return ingestBatches(createSqliteStore(db), {
    source: 'csv',
    target: path,
    batches: createCsvSource(path).batches,
    now: () => new Date('2024-07-01T06:00:00Z'),
    asOf: AS_OF,
  });
}

async function importedDb(list = rows()) {
  const db = createTestDb();
  cleanups.push(() => db.$client.close());
  const summary = await importText(db, csvOf(list));
  return { db, store: createSqliteStore(db), summary };
}

const blank = (v: string) => v.trim() === '';

describe('missing values (metrics.md "Missing values")', () => {
  it('imports every deal with a blank industry, region, lead source or amount, and counts them per field', async () => {
    const list = rows();
    const { db, summary } = await importedDb(list);
    expect(summary).toMatchObject({ status: 'succeeded', rows: list.length, quarantined: 0 });
    expect(summary.inserted).toBe(list.length);
    const expected = {
      industry: list.filter((r) => blank(r.industry)).length,
      region: list.filter((r) => blank(r.region)).length,
      product_type: 0,
      lead_source: list.filter((r) => blank(r.source)).length,
      deal_stage: 0,
      deal_amount: list.filter((r) => blank(r.amount)).length,
    };
    expect(expected.industry).toBeGreaterThan(50);
    expect(summary.blanks).toEqual(expected);
    // stored as NULL, and the run keeps its counts
    const nulls = db.$client
      .prepare('select count(*) from deals where industry is null')
      .pluck()
      .get();
    expect(nulls).toBe(expected.industry);
    const stored = db.$client
      .prepare('select blanks from sync_runs where id = ?')
      .pluck()
      .get(summary.syncRunId) as string;
    expect(JSON.parse(stored)).toEqual(expected);
    const status = readStatus(db);
    expect(status.hygiene.blanks).toEqual(expected);
    expect(status.hygiene.withBlanks).toBe(
      list.filter((r) => [r.industry, r.region, r.source, r.amount].some(blank)).length,
    );
    expect(status.lastSyncs[0]?.blanks).toEqual(expected);
  });

  it('counts those deals in the overall win rate and shows a "(not set)" row by industry', async () => {
    const list = rows();
    const { store } = await importedDb(list);
    const closed = list.filter((r) => r.outcome !== '' && r.closed <= AS_OF);
    const won = closed.filter((r) => r.outcome === 'Won').length;
    const all = await queryWinRate(store, { window: 'all', asOf: AS_OF, by: 'industry' });
    expect(all.overall).toMatchObject({ won, n: closed.length });
    const notSet = all.segments.find((s) => s.value === NOT_SET);
    const blankClosed = closed.filter((r) => blank(r.industry));
    expect(notSet).toMatchObject({
      dimension: 'industry',
      won: blankClosed.filter((r) => r.outcome === 'Won').length,
      n: blankClosed.length,
    });
    // the segments add up to the overall figure: no deal is dropped
    expect(all.segments.reduce((sum, s) => sum + s.n, 0)).toBe(closed.length);
    // "(not set)" is listed last, and is not a value a question can name
    expect(all.segments.at(-1)?.value).toBe(NOT_SET);
    expect((await queryVocabulary(store, { asOf: AS_OF })).values.industry).not.toContain(NOT_SET);
  });

  it("scores a deal with no industry by its owner's pooled overall rate, marked, with no co-lead", async () => {
    const { store } = await importedDb();
    const report = await queryRsfs(store, { dealId: 'M9999', asOf: AS_OF });
    expect(report).toMatchObject({
      industry: NOT_SET,
      industryNotSet: true,
      source: 'rep',
      raw: { won: 0, n: 0 },
      coleadCandidates: [],
      noColead: NO_COLEAD_WITHOUT_INDUSTRY,
    });
    // The same deal in an industry nobody has closed a deal in has no cell either: its
    // score is the rep's pooled overall rate too, computed along the ordinary path.
    const renamed = rows().map((r) => (r.id === 'M9999' ? { ...r, industry: 'Brand New' } : r));
    const other = await importedDb(renamed);
    const reference = await queryRsfs(other.store, { dealId: 'M9999', asOf: AS_OF });
    expect(reference.industryNotSet).toBe(false);
    expect((await report).rsfs).toBeCloseTo(reference.rsfs, 12);
    expect((await report).ci).toEqual(reference.ci);
    expect((await report).k).toBe(reference.k);

    // the co-lead workflow gets no fits to match on, and the report says why
    const fit = await new ContextScoring(store).dealFit('M9999');
    expect(fit?.fits).toEqual([]);
    expect(fit?.report.noColead).toBe(NO_COLEAD_WITHOUT_INDUSTRY);
    expect(fit?.report.deal.amount).toBeNull();
  });

  it('leaves blank amounts out of every pipeline sum and mean, and says how many', async () => {
    const list = rows();
    const { store } = await importedDb(list);
    const open = list.filter((r) => r.outcome === '' || r.closed > AS_OF);
    const withAmount = open.filter((r) => !blank(r.amount));
    const sum = withAmount.reduce((s, r) => s + Number(r.amount), 0);
    const without = open.length - withAmount.length;
    expect(without).toBeGreaterThan(3);
    const pipeline = await queryAskPipeline(store, { asOf: AS_OF, filters: {} });
    expect(pipeline).toMatchObject({ openDeals: open.length, amount: sum, withoutAmount: without });
    expect((await pipeline).velocity.openDeals).toBe(open.length);
    expect((await pipeline).velocity.openWithoutAmount).toBe(without);
    expect((await pipeline).velocity.meanOpenAmount).toBeCloseTo(sum / withAmount.length, 9);
    const deals = await queryAskDeals(store, { asOf: AS_OF, filters: {}, limit: 50 });
    expect(deals).toMatchObject({ count: open.length, amount: sum, withoutAmount: without });
    expect((await deals).deals.some((d) => d.amount === null)).toBe(true);
    // an amount bound cannot hold a deal of unknown size
    const big = await queryAskDeals(store, { asOf: AS_OF, filters: { minAmount: 0 }, limit: 50 });
    expect(big).toMatchObject({ count: withAmount.length, withoutAmount: 0 });
  });

  it('lists the deals with each field blank, capped, with the whole count', async () => {
    const list = rows();
    const { db } = await importedDb(list);
    const listing = listBlankDeals(db, 5);
    const industry = listing.fields.find((f) => f.field === 'industry');
    const ids = list
      .filter((r) => blank(r.industry))
      .map((r) => r.id)
      .sort();
    expect(industry).toEqual({ field: 'industry', total: ids.length, dealIds: ids.slice(0, 5) });
    expect(listing.fields.find((f) => f.field === 'deal_stage')).toEqual({
      field: 'deal_stage',
      total: 0,
      dealIds: [],
    });
  });

  it('still quarantines a blank created_date or sales_rep_id with its line and reason', async () => {
    const db = createTestDb();
    cleanups.push(() => db.$client.close());
    const good = rows().slice(0, 3);
    const text = csvOf([
      ...good,
      { ...(good[0] as Row), id: 'X1', created: '' },
      { ...(good[1] as Row), id: 'X2', rep: '' },
      { ...(good[2] as Row), id: 'X3', industry: '', region: '', amount: '' },
    ]);
    const summary = await importText(db, text);
    expect(summary).toMatchObject({ rows: 6, inserted: 4, quarantined: 2 });
    const q = db.$client
      .prepare('select line, record_id as id, reasons from quarantine order by line')
      .all() as Array<{ line: number; id: string; reasons: string }>;
    expect(q.map((r) => ({ ...r, reasons: JSON.parse(r.reasons) }))).toEqual([
      { line: 5, id: 'X1', reasons: ['created_date is missing'] },
      { line: 6, id: 'X2', reasons: ['sales_rep_id is missing'] },
    ]);
  });
});
