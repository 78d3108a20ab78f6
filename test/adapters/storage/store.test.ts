/**
 * Every store kind through its ports, for the members the per-table tests do not cover:
 * what the co-lead workflow, the metrics run, the digest, the alert sweep and the jobs
 * read and write, each as the use case calls it.
 */
import { expect, it } from 'vitest';
import type { NewColead } from '../../../src/app/ports/colead-store.js';
import type { DealScoreRow, MetricRow } from '../../../src/app/ports/metric-store.js';
import type { Store } from '../../../src/app/ports/store.js';
import { recordRun, seedOpenDealsIn } from '../../helpers/store-seed.js';
import { describeEachStore, type OpenedStore } from '../../helpers/stores.js';

/** the store open now, holding D1 and D2 of rep_19's and D3 of rep_23's */
async function seeded(opened: () => OpenedStore): Promise<{ store: Store }> {
  const { store } = opened();
  await seedOpenDealsIn(store, { D1: 'rep_19', D2: 'rep_19', D3: 'rep_23' });
  return { store };
}

const proposal = (dealId: string, over: Partial<NewColead> = {}): NewColead => ({
  dealId,
  ownerRepId: 'rep_19',
  coleadRepId: 'rep_23',
  alternates: '["rep_24"]',
  state: 'proposed',
  industry: 'HealthTech',
  proposedAt: '2024-07-01T09:00:00.000Z',
  expiresAt: '2024-07-08T09:00:00.000Z',
  card: '{}',
  ...over,
});

const score = (dealId: string, flag: string): DealScoreRow => ({
  dealId,
  rsfs: 0.3,
  ciLo: 0.2,
  ciHi: 0.4,
  rawWon: 3,
  rawN: 10,
  source: 'cell',
  flag,
  percentile: 0.1,
});

const figure = (metric: string, value: number, detail?: unknown): MetricRow => ({
  metric,
  dimension: '',
  segment: '',
  value,
  won: null,
  n: 10,
  ciLo: null,
  ciHi: null,
  detail,
});

describeEachStore('store: coleads', (opened) => {
  it('inserts a proposal once per deal and owner, records its message and reads it back', async () => {
    const { store } = await seeded(opened);
    const row = await store.coleads.insertIfNone(proposal('D1'));
    expect(row).toMatchObject({ id: 1, dealId: 'D1', state: 'proposed', note: null });
    expect(await store.coleads.insertIfNone(proposal('D1'))).toBeNull();
    expect(await store.coleads.hasFor('D1', 'rep_19')).toBe(true);
    expect(await store.coleads.hasFor('D1', 'rep_20')).toBe(false);
    await store.coleads.recordMessage(1, 'CMGRS', '1720.01');
    expect(await store.coleads.find(1)).toMatchObject({ channel: 'CMGRS', messageTs: '1720.01' });
    expect((await store.coleads.list()).map((r) => r.id)).toEqual([1]);
    expect(await store.coleads.list(['approved'])).toEqual([]);
    expect(await store.coleads.lastChosenInIndustry('HealthTech')).toBe('rep_23');
    expect(await store.coleads.lastChosenInIndustry('SaaS')).toBeNull();
  });

  it('counts each rep’s own open deals and active advisory load', async () => {
    const { store } = await seeded(opened);
    await store.coleads.insertIfNone(proposal('D1'));
    const loads = await store.coleads.repLoads();
    expect(loads.get('rep_19')).toEqual({ activeAdvisory: 0, ownOpen: 2 });
    expect(loads.get('rep_23')).toEqual({ activeAdvisory: 1, ownOpen: 1 });
  });

  it('reads an open deal, the RED deals without a proposal and the month’s approved pairings', async () => {
    const { store } = await seeded(opened);
    expect(await store.coleads.openDeal('D1')).toMatchObject({ id: 'D1', repId: 'rep_19' });
    expect(await store.coleads.openDeal('D_NOPE')).toBeUndefined();
    await store.metrics.writeRun({
      asOf: '2024-06-30',
      computedAt: '2024-07-01T06:00:00.000Z',
      metrics: [],
      scores: [score('D1', 'RED'), score('D2', 'RED'), score('D3', 'GREEN')],
      audit: null,
    });
    await store.coleads.insertIfNone(proposal('D1'));
    expect(await store.coleads.redDealsWithoutProposal()).toEqual(['D2']);
    await store.coleads.transition(1, 'approve', {
      actedBy: 'UMGR1',
      actedAt: '2024-07-02T10:00:00Z',
    });
    expect(await store.coleads.approvedPairings('2024-07-01', '2024-07-31')).toEqual([
      { repId: 'rep_19', coleadRepId: 'rep_23', industry: 'HealthTech', deals: 1 },
    ]);
    expect(await store.coleads.approvedPairings('2024-08-01', '2024-08-31')).toEqual([]);
  });
});

describeEachStore('store: metrics', (opened) => {
  it('stores a run per as-of date and reads its figures at or before a date', async () => {
    const { store } = await seeded(opened);
    const run = (asOf: string, rate: number) =>
      store.metrics.writeRun({
        asOf,
        computedAt: `${asOf}T06:00:00.000Z`,
        metrics: [figure('winrate_90d', rate), figure('velocity', 100, { value: 100 })],
        scores: [score('D1', 'RED')],
        audit: null,
      });
    await run('2024-06-23', 0.41);
    await run('2024-06-30', 0.44);
    await run('2024-06-30', 0.45); // a re-run replaces the date's rows
    expect(await store.metrics.countRows('2024-06-30')).toEqual({ metrics: 2, scores: 1 });
    expect(await store.metrics.figureAtOrBefore('winrate_90d', '2024-06-29')).toEqual({
      asOf: '2024-06-23',
      value: 0.41,
      n: 10,
    });
    expect((await store.metrics.figureAtOrBefore('winrate_90d', '2024-07-01'))?.value).toBe(0.45);
    expect(await store.metrics.figureAtOrBefore('winrate_90d', '2024-01-01')).toBeNull();
    expect(await store.metrics.velocityAtOrBefore('2024-06-30')).toEqual({
      asOf: '2024-06-30',
      detail: '{"value":100}',
    });
    expect(await store.metrics.countRedOpenDeals()).toBe(1);
    expect(await store.metrics.pipeline()).toEqual({
      openDeals: 3,
      openAmount: 3 * 42_300,
      openWithoutAmount: 0,
    });
    expect(await store.metrics.coleadWeek('2024-06-23', '2024-06-30')).toMatchObject({
      active: 0,
      proposed: 0,
    });
  });

  it('keeps one driver model per as-of date and reads the newest and the one before', async () => {
    const { store } = await seeded(opened);
    const model = (version: string) => ({
      version,
      trainFrom: null,
      trainTo: null,
      validFrom: null,
      validTo: null,
      nTrain: 1,
      nValid: 1,
      aucRsfs: null,
      aucDeal: null,
      aucCombined: null,
      result: { version },
    });
    expect(await store.metrics.latestDriversResult()).toBeNull();
    await store.metrics.writeModelVersion({
      asOf: '2024-06-23',
      computedAt: 'x',
      model: model('v1'),
    });
    await store.metrics.writeModelVersion({
      asOf: '2024-06-30',
      computedAt: 'y',
      model: model('v2'),
    });
    await store.metrics.writeModelVersion({
      asOf: '2024-06-30',
      computedAt: 'z',
      model: model('v3'),
    });
    expect(await store.metrics.latestDriversResult()).toBe('{"version":"v3"}');
    expect(await store.metrics.driversResultBefore('2024-06-30')).toBe('{"version":"v1"}');
    expect(await store.metrics.driversResultBefore('2024-06-23')).toBeNull();
  });
});

describeEachStore('store: alerts and syncs', (opened) => {
  it('logs an alert, its message, a failed post and feedback', async () => {
    const { store } = await seeded(opened);
    const row = await store.alerts.insert({
      key: 'job-failed:metrics',
      type: 'job-failed',
      severity: 'HIGH',
      destination: 'ops',
      status: 'sent',
      reason: 'test',
      isoWeek: '2024-W27',
      asOf: '2024-07-01',
      payload: '{"title":"Job failed"}',
      createdAt: '2024-07-01T06:00:00.000Z',
    });
    await store.alerts.setMessage(row.id, { channel: 'CALERTS', ts: '1720.02' }, '{}');
    expect((await store.alerts.find(row.id))?.messageTs).toBe('1720.02');
    await store.alerts.updateStatus(row.id, 'post_failed', 'post failed: boom');
    expect((await store.alerts.list(10))[0]).toMatchObject({
      status: 'post_failed',
      reason: 'post failed: boom',
    });
    expect((await store.alerts.ledger('2024-W27')).activeKeys.size).toBe(0);
    await store.alerts.recordFeedback({
      alertId: row.id,
      userId: 'U1',
      useful: true,
      createdAt: 'x',
    });
    expect((await store.alerts.history()).feedback).toEqual([
      { alertId: row.id, userId: 'U1', useful: true, createdAt: 'x' },
    ]);
    expect(await store.alerts.find(999)).toBeUndefined();
  });

  it('reads a source’s failure streak since its last good sync', async () => {
    const { store } = await seeded(opened);
    expect(await store.syncs.health('salesforce')).toMatchObject({
      consecutiveFailures: 0,
      lastError: null,
    });
    const run = (status: 'succeeded' | 'failed', startedAt: string, error?: string) =>
      recordRun(store, { status, startedAt, dataAsOf: '2024-06-30', error });
    await run('succeeded', '2024-07-01T00:00:00Z');
    await run('failed', '2024-07-01T06:00:00Z', 'first');
    await run('failed', '2024-07-01T12:00:00Z', 'latest');
    expect(await store.syncs.health('salesforce')).toMatchObject({
      consecutiveFailures: 2,
      failingSince: '2024-07-01T06:00:00Z',
      lastError: 'latest',
      lastGoodDataAsOf: '2024-06-30',
    });
  });
});
