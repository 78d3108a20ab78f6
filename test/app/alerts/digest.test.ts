import { describe, expect, it } from 'vitest';
import { createChartRenderer } from '../../../src/adapters/charts/render.js';
import { buildWeeklyDigest } from '../../../src/adapters/slack/blocks/weekly-digest.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { mondayOf, postWeeklyDigest } from '../../../src/app/alerts/digest.js';
import { runDriverModel } from '../../../src/app/jobs/drivers-run.js';
import { computeInThisThread } from '../../../src/app/jobs/job-compute.js';
import { runMetrics } from '../../../src/app/jobs/metrics-run.js';
import { significantShifts } from '../../../src/domain/drivers.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { createRecordingMessenger } from '../../helpers/recording-messenger.js';
import { assertWithinSlackLimits } from '../../helpers/slack-limits.js';
import { createTestDb } from '../../helpers/test-db.js';

describe('weekly digest', () => {
  it('finds the Monday of a week', () => {
    expect(mondayOf('2024-07-01')).toBe('2024-07-01');
    expect(mondayOf('2024-07-07')).toBe('2024-07-01');
    expect(mondayOf('2024-07-03')).toBe('2024-07-01');
  });

  it('posts the digest with the week-over-week change from metric_history, folded alerts and the trend chart', async () => {
    const db = createTestDb();
    const store = createSqliteStore(db);
    insertDemoDeals(db, { deals: 3000 });
    const now = () => new Date('2024-07-01T06:00:00Z');
    await runMetrics(store, { asOf: '2024-06-23', now });
    await runMetrics(store, { asOf: '2024-06-30', now });
    await store.alerts.insert({
      key: 'negative-momentum:leadSource:Inbound',
      type: 'negative-momentum',
      severity: 'MEDIUM',
      destination: 'alerts',
      status: 'folded',
      reason: 'weekly budget of 3 spent: folded into the next digest',
      isoWeek: '2024-W26',
      asOf: '2024-06-30',
      payload: JSON.stringify({
        title: 'Negative momentum: leadSource Inbound',
        context: ['48.8% → 40.5%'],
      }),
      createdAt: '2024-06-30T06:00:00Z',
    });
    const snoozed = await store.alerts.insert({
      key: 'winrate-threshold:overall',
      type: 'winrate-threshold',
      severity: 'HIGH',
      destination: 'alerts',
      status: 'sent',
      reason: 'alert 1 of 3 this week',
      isoWeek: '2024-W26',
      asOf: '2024-06-30',
      payload: JSON.stringify({ title: 'Win rate below threshold' }),
      createdAt: '2024-06-30T06:00:00Z',
    });
    for (const [until, key] of [
      ['2024-07-07T06:00:00.000Z', snoozed.key],
      ['2024-06-30T07:00:00.000Z', 'sync-failed:salesforce'], // ended before the digest
    ] as const) {
      await store.alerts.recordEvent({
        alertId: snoozed.id,
        key,
        kind: 'snoozed',
        userId: 'U0ALICE',
        until,
        at: '2024-06-30T06:00:00Z',
      });
    }
    const messenger = createRecordingMessenger();
    const result = await postWeeklyDigest(
      {
        store,
        messenger,
        charts: createChartRenderer(),
        render: buildWeeklyDigest,
        figures: computeInThisThread(store),
        channel: 'CALERTS',
        now,
      },
      '2024-07-01',
    );
    expect(result.input.snoozedAlerts).toEqual([
      {
        severity: 'HIGH',
        title: 'Win rate below threshold',
        userId: 'U0ALICE',
        until: '2024-07-07T06:00:00.000Z',
      },
    ]);
    expect(result.input.lastWeek?.asOf).toBe('2024-06-23');
    // co-led against solo RED deals over the 365 days before the as-of date
    const red = await store.metrics.redOutcomes('2023-07-01');
    expect(result.input.colead?.redOutcomes).toMatchObject({
      since: '2023-07-01',
      coled: { won: red.coled.won, n: red.coled.n },
      solo: { won: red.solo.won, n: red.solo.n },
    });
    expect(result.input.avgRsfs?.previous).not.toBeNull();
    expect(result.input.pipeline.openDeals).toBeGreaterThan(0);
    const text = JSON.stringify(result.message.blocks);
    expect(text).toMatch(/from \d+\.\d% on 2024-06-23/);
    // velocity from the daily run, with last week's from the run a week earlier
    expect(result.input.velocity).toMatchObject({
      asOf: '2024-06-30',
      openDeals: result.input.pipeline.openDeals,
      previous: { asOf: '2024-06-23' },
    });
    expect(text).toMatch(/velocity \$[\d.,]+[KM]?\/day \(\$[\d.,]+[KM]?\/day on 2024-06-23\)/);
    expect(text).toContain('Negative momentum: leadSource Inbound');
    expect(text).toContain(
      '• HIGH: Win rate below threshold: snoozed by <@U0ALICE> until 2024-07-07 06:00 UTC',
    );
    assertWithinSlackLimits(result.message);
    expect(messenger.calls.map((c) => [c.kind, c.channel])).toEqual([
      ['post', 'CALERTS'],
      ['upload', 'CALERTS'],
    ]);
    expect(messenger.calls[1]?.threadTs).toBe(messenger.calls[0]?.ts);
    expect(result.chart).toBe('posted');
    // the folded alert is shown once
    expect(await store.alerts.listFoldedForDigest()).toEqual([]);
  });

  it("compares this week's driver model with the one fitted before it", async () => {
    const db = createTestDb();
    const store = createSqliteStore(db);
    insertDemoDeals(db, { deals: 3000 });
    const now = () => new Date('2024-07-01T06:00:00Z');
    await runMetrics(store, { asOf: '2024-06-30', now });
    const render = buildWeeklyDigest;
    const deps = {
      store,
      messenger: createRecordingMessenger(),
      charts: null,
      render,
      figures: computeInThisThread(store),
      channel: 'C1',
    };
    const dryRun = { dryRun: true };
    const lastWeek = await runDriverModel(store, { asOf: '2024-06-23', now });
    const first = await postWeeklyDigest(deps, '2024-07-01', dryRun);
    expect(first.input.driverShift).toBeNull();
    expect(JSON.stringify(first.message.blocks)).toContain('First driver model');

    const thisWeek = await runDriverModel(store, { asOf: '2024-06-30', now });
    await runDriverModel(store, { asOf: '2024-06-16', now }); // an older refit does not count as last week
    const second = await postWeeklyDigest(deps, '2024-07-01', dryRun);
    expect(second.input.driverShift).toEqual({
      since: '2024-06-23',
      shifts: significantShifts(lastWeek.oddsRatios, thisWeek.oddsRatios),
    });
    expect(JSON.stringify(second.message.blocks)).toMatch(
      /(No significant shift|Significant shift) [^"]*since the model of 2024-06-23/,
    );
  });

  it('builds but posts nothing in a dry run', async () => {
    const db = createTestDb();
    const store = createSqliteStore(db);
    insertDemoDeals(db, { deals: 1500 });
    await runMetrics(store, { now: () => new Date('2024-07-01T06:00:00Z') });
    const messenger = createRecordingMessenger();
    const result = await postWeeklyDigest(
      {
        store,
        messenger,
        charts: null,
        render: buildWeeklyDigest,
        figures: computeInThisThread(store),
        channel: 'CALERTS',
      },
      '2024-07-01',
      { dryRun: true },
    );
    expect(result.posted).toBeNull();
    expect(result.message.text).toMatch(/^Weekly digest \(week of 2024-07-01\)/);
    expect(messenger.calls).toEqual([]);
  });
});
