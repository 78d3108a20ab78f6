import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSalesforceSource,
  type SalesforceSourceDeps,
} from '../../../src/adapters/crm/salesforce/salesforce-source.js';
import type { ScheduledJob } from '../../../src/adapters/scheduler.js';
import { closeDatabase, type Db, openDatabase } from '../../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { readDataAsOf } from '../../../src/adapters/storage/status-queries.js';
import { readLastWatermark } from '../../../src/adapters/storage/sync-health.js';
import { ingestBatches } from '../../../src/app/ingest/ingest.js';
import {
  createSalesforceSyncJob,
  describeSync,
  readSalesforceOpsSignal,
  type SalesforceSyncOptions,
  type SyncOpsSignal,
  syncSalesforce,
} from '../../../src/app/ingest/salesforce-sync.js';
import { syncFailedAlert } from '../../../src/domain/alert-rules.js';
import { runDealfit } from '../../helpers/run-cli.js';
import { startTestOrg, type TestOrg } from '../../helpers/salesforce-test-org.js';
import { createTempDbPath, createTestDb } from '../../helpers/test-db.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function org(opportunities: number): Promise<TestOrg> {
  const t = await startTestOrg({ opportunities });
  cleanups.push(t.cleanup);
  return t;
}

function sync(
  db: Db,
  t: TestOrg,
  options: SalesforceSyncOptions = {},
  deps: SalesforceSourceDeps & { onOpsSignal?: (s: SyncOpsSignal) => void } = {},
) {
  const source = createSalesforceSource(t.config, { sleep: async () => {}, ...deps });
  return syncSalesforce(
    createSqliteStore(db),
    {
      source,
      ingest: ingestBatches,
      now: () => new Date('2024-07-01T06:00:00Z'),
      ...(deps.onOpsSignal ? { onOpsSignal: deps.onOpsSignal } : {}),
    },
    options,
  );
}

const count = (db: Db, where = '1 = 1'): number =>
  db.$client.prepare(`select count(*) from deals where ${where}`).pluck().get() as number;
const historyCount = (db: Db, change: string): number =>
  db.$client
    .prepare('select count(*) from deal_history where change = ?')
    .pluck()
    .get(change) as number;
const queryPages = (t: TestOrg) =>
  t.fake.requests.filter((r) => /\/(query|queryAll)/.test(r.path) && r.status === 200).length;

describe('Salesforce sync', () => {
  it('first full sync imports 25,000 opportunities read over 13 pages', async () => {
    const t = await org(25_000);
    const db = createTestDb();
    const result = await sync(db, t);
    expect(result.summary).toMatchObject({
      status: 'succeeded',
      rows: 25_000,
      inserted: 25_000,
      quarantined: 0,
    });
    expect(queryPages(t)).toBe(13);
    expect(count(db)).toBe(25_000);
    expect(count(db, "source = 'salesforce'")).toBe(25_000);
    const newest = Math.max(
      ...[...t.fake.opportunities.values()].map((o) => o.SystemModstamp as number),
    );
    expect(readLastWatermark(db, 'salesforce', 'acme-test')).toBe(new Date(newest).toISOString());
  });

  it('an incremental sync picks up exactly the changed, created and deleted opportunities', async () => {
    const t = await org(3000);
    const db = createTestDb();
    await sync(db, t);
    t.fake.tick(60 * 60_000);
    const opps = [...t.fake.opportunities.values()];
    const changed = opps.slice(0, 5).map((o) => t.fake.update(o.Id, { Amount: 99_999 }).Id);
    t.fake.update(opps[5]!.Id, { IsClosed: true, IsWon: true, StageName: 'Closed Won' });
    t.fake.remove(opps[6]!.Id);
    t.fake.remove(opps[7]!.Id);
    const created = t.fake.insert({ ...opps[8], Id: undefined } as never).Id;
    const result = await sync(db, t);
    expect(result.mode).toBe('incremental');
    expect(result.summary).toMatchObject({ status: 'succeeded', inserted: 1, deleted: 2 });
    // opps[5] may already have been closed-won: then it is unchanged
    const closedNow = result.summary.updated === 6 ? [opps[5]!.Id] : [];
    expect(result.summary.updated).toBe(5 + closedNow.length);
    // history was written for exactly the changed and deleted deals, none of the overlap
    const historyIds = db.$client
      .prepare('select distinct deal_id from deal_history order by deal_id')
      .pluck()
      .all();
    expect(historyIds).toEqual([...changed, ...closedNow, opps[6]!.Id, opps[7]!.Id].sort());
    expect(historyCount(db, 'update')).toBe(result.summary.updated);
    expect(historyCount(db, 'delete')).toBe(2);
    const amounts = db.$client
      .prepare(`select amount from deals where id in (${changed.map(() => '?').join(',')})`)
      .pluck()
      .all(...changed);
    expect(amounts).toEqual([99_999, 99_999, 99_999, 99_999, 99_999]);
    expect(count(db, `id = '${created}'`)).toBe(1);
    // deleted deals keep their row and history, marked deleted
    expect(count(db, 'deleted_at is not null')).toBe(2);
    expect(count(db)).toBe(3001);
  });

  it('retries a 503 mid-paging and finishes with no duplicates', async () => {
    const t = await org(9000);
    const db = createTestDb();
    t.fake.failRequest(3, 'server-error');
    t.fake.failRequest(4, 'server-error');
    const result = await sync(db, t);
    expect(result.summary).toMatchObject({ status: 'succeeded', inserted: 9000 });
    expect(result.api.retries).toBe(2);
    // every record arrived exactly once: a repeat would count as a row again
    expect(result.summary.rows).toBe(9000);
    expect(count(db)).toBe(9000);
  });

  it('re-authenticates when the session expires mid-sync', async () => {
    const t = await org(5000);
    const db = createTestDb();
    t.fake.failRequest(2, 'expire-session');
    const result = await sync(db, t);
    expect(result.summary.status).toBe('succeeded');
    expect(result.api.reauths).toBe(1);
    expect(t.fake.tokenRequests.filter((r) => r.ok)).toHaveLength(2);
    expect(count(db)).toBe(5000);
  });

  it('raises the ops signal after three failed syncs; data as of keeps the last good value', async () => {
    const t = await org(500);
    const db = createTestDb();
    await sync(db, t);
    const goodAsOf = readDataAsOf(db);
    const signals: SyncOpsSignal[] = [];
    const failing = () =>
      sync(db, t, {}, { retry: { maxAttempts: 2 }, onOpsSignal: (s) => signals.push(s) });
    for (let i = 1; i <= 3; i++) {
      t.fake.failNext('server-error');
      t.fake.failNext('server-error', 2);
      const result = await failing();
      expect(result.summary.status).toBe('failed');
      expect(result.summary.error).toContain('SERVER_UNAVAILABLE');
      expect(signals).toHaveLength(i === 3 ? 1 : 0);
    }
    expect(signals[0]).toMatchObject({ source: 'salesforce', consecutiveFailures: 3 });
    expect(await readSalesforceOpsSignal(createSqliteStore(db))).toEqual(signals[0]);
    expect(readDataAsOf(db)).toBe(goodAsOf);
    const alert = syncFailedAlert(
      signals[0]!.source,
      signals[0]!.consecutiveFailures,
      signals[0]!.lastError,
      signals[0]!.lastGoodDataAsOf,
    );
    expect(alert?.destination).toBe('ops');
    await sync(db, t);
    expect(await readSalesforceOpsSignal(createSqliteStore(db))).toBeNull();
  });

  it('quarantines a bad record with its record id and reason; the rest imports', async () => {
    const t = await org(1000);
    const [a, b, c] = [...t.fake.opportunities.values()];
    const odd = t.fake.addAccount({ Name: 'Farm', Industry: 'Agriculture' });
    t.fake.update(a!.Id, { AccountId: odd.Id });
    t.fake.update(b!.Id, { OwnerId: null });
    t.fake.update(c!.Id, { Amount: -10 });
    const db = createTestDb();
    const result = await sync(db, t);
    expect(result.summary).toMatchObject({ status: 'succeeded', inserted: 997, quarantined: 3 });
    const rows = db.$client
      .prepare('select record_id, reasons from quarantine order by record_id')
      .all() as Array<{ record_id: string; reasons: string }>;
    const byId = new Map(rows.map((r) => [r.record_id, JSON.parse(r.reasons) as string[]]));
    expect(byId.get(a!.Id)?.join()).toContain('unmapped industry value "Agriculture"');
    expect(byId.get(b!.Id)?.join()).toContain('missing owner');
    expect(byId.get(c!.Id)?.join()).toContain('negative amount -10');
  });

  it('imports opportunities with a blank industry, region, lead source or amount, and counts them', async () => {
    const t = await org(200);
    const [a, b, c, d] = [...t.fake.opportunities.values()];
    const noIndustry = t.fake.addAccount({ Name: 'Unclassified', Industry: null });
    t.fake.update(a!.Id, { AccountId: noIndustry.Id });
    t.fake.update(b!.Id, { Region__c: null, LeadSource: '' });
    t.fake.update(c!.Id, { Amount: null });
    t.fake.update(d!.Id, { AccountId: noIndustry.Id, Amount: null });
    const db = createTestDb();
    const result = await sync(db, t);
    expect(result.summary).toMatchObject({
      status: 'succeeded',
      inserted: 200,
      quarantined: 0,
      blanks: {
        industry: 2,
        region: 1,
        product_type: 0,
        lead_source: 1,
        deal_stage: 0,
        deal_amount: 2,
      },
    });
    const stored = db.$client
      .prepare('select industry, region, lead_source, amount from deals where id = ?')
      .get(d!.Id);
    expect(stored).toEqual({
      industry: null,
      region: expect.any(String),
      lead_source: expect.any(String),
      amount: null,
    });
    expect(describeSync(result)).toContain(
      'blank fields: industry 2, region 1, lead_source 1, deal_amount 2 (listed by dealfit hygiene)',
    );
    const run = db.$client.prepare('select blanks from sync_runs').pluck().get() as string;
    expect(JSON.parse(run)).toEqual(result.summary.blanks);
  });

  it('--dry-run writes nothing; --full marks deals Salesforce no longer has as deleted', async () => {
    const t = await org(800);
    const db = createTestDb();
    const dry = await sync(db, t, { dryRun: true });
    expect(dry.summary.rows).toBe(800);
    expect(count(db)).toBe(0);
    expect(readLastWatermark(db, 'salesforce')).toBeUndefined();
    await sync(db, t);
    const purged = [...t.fake.opportunities.keys()][3]!;
    t.fake.opportunities.delete(purged); // emptied from the recycle bin: queryAll no longer sees it
    const incremental = await sync(db, t);
    expect(incremental.summary.deleted).toBe(0);
    const full = await sync(db, t, { full: true });
    expect(full.mode).toBe('full');
    expect(full.summary.deleted).toBe(1);
    expect(count(db, `id = '${purged}' and deleted_at is not null`)).toBe(1);
    // a permission change hiding most deals is refused, not taken for mass deletion
    for (const id of [...t.fake.opportunities.keys()].slice(0, 200))
      t.fake.opportunities.delete(id);
    const hidden = await sync(db, t, { full: true });
    expect(hidden.summary.status).toBe('failed');
    expect(hidden.summary.error).toContain('would mark 200 of 799 Salesforce deals deleted');
    expect(count(db, 'deleted_at is not null')).toBe(1);
  });

  it('dealfit sync salesforce runs from the command line and reports the figures', async () => {
    const t = await org(2100);
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const env = { ...t.env, DEALFIT_DB: tmp.path };
    const first = await runDealfit(['sync', 'salesforce'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^salesforce sync \(incremental since the start\): 2100 records, 2100 inserted/,
    );
    const json = await runDealfit(['sync', 'salesforce', '--full', '--json'], env);
    expect(json.json()).toMatchObject({
      mode: 'full',
      summary: { status: 'succeeded', unchanged: 2100 },
    });
    writeFileSync(join(t.dir, 'bad.json'), JSON.stringify({ fields: { region: 'Region__c' } }));
    const badMapping = await runDealfit(['sync', 'salesforce'], {
      ...env,
      SALESFORCE_MAPPING_FILE: join(t.dir, 'bad.json'),
    });
    expect(badMapping.code).toBe(1);
    expect(badMapping.stderr).toContain('fields.product_type');
    const unconfigured = await runDealfit(['sync', 'salesforce'], { DEALFIT_DB: tmp.path });
    expect(unconfigured.code).toBe(2);
    expect(unconfigured.stderr).toContain('Salesforce is not configured');
    const db = openDatabase(tmp.path);
    cleanups.push(() => closeDatabase(db));
    expect(count(db)).toBe(2100);
  });

  it('a failing CLI sync exits 1 with the reason; the third in a row logs the ops error and shows in status', async () => {
    const t = await org(300);
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const env = { ...t.env, DEALFIT_DB: tmp.path, SALESFORCE_CLIENT_ID: 'revoked-app' };
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runDealfit(['sync', 'salesforce'], env));
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1]);
    expect(runs[0]?.stderr).toContain(
      'Salesforce login failed (invalid_client_id: client identifier invalid)',
    );
    expect(runs[1]?.stderr).not.toContain('consecutive failed syncs');
    expect(runs[2]?.stderr).toMatch(
      /salesforce: 3 consecutive failed syncs since \S+; last error: /,
    );
    const status = await runDealfit(['status'], env);
    expect(status.stdout).toContain('salesforce: 3 consecutive failed syncs since');
    expect(status.stdout).not.toContain(t.fake.options.clientSecret);
  });

  it('offers a scheduler job that syncs, never throws on a failed sync, and honours dry runs', async () => {
    const t = await org(400);
    const db = createTestDb();
    const source = createSalesforceSource(t.config, {
      sleep: async () => {},
      retry: { maxAttempts: 1 },
    });
    const job: ScheduledJob = createSalesforceSyncJob({
      store: createSqliteStore(db),
      source,
      ingest: ingestBatches,
      now: () => new Date('2024-07-01T06:00:00Z'),
    });
    expect(job.cron).toBe('0 */6 * * *');
    const ctx = { period: '2024-07-01T06:00:00.000Z', scheduledAt: new Date(), dryRun: false };
    expect(await job.run({ ...ctx, dryRun: true })).toMatch(/400 records, 400 inserted/);
    expect(count(db)).toBe(0);
    expect(await job.run(ctx)).toMatch(/400 records, 400 inserted/);
    expect(count(db)).toBe(400);
    t.fake.failNext('server-error');
    expect(await job.run(ctx)).toMatch(/failed: Salesforce request failed: SERVER_UNAVAILABLE/);
  });
});
