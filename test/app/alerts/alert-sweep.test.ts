import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import type { AlertView } from '../../../src/app/alerts/alert-lifecycle.js';
import { runAlertSweep } from '../../../src/app/alerts/alert-sweep.js';
import type {
  MomentumResult,
  RateFigure,
  WinRateResult,
} from '../../../src/app/queries/query-results.js';
import { createRecordingMessenger } from '../../helpers/recording-messenger.js';
import { DRIFT, SPIKE } from '../../helpers/safeguard-fixtures.js';
import { createTestDb } from '../../helpers/test-db.js';

function fig(won: number, n: number): RateFigure {
  const rate = won / n;
  const h = 1.96 * Math.sqrt((rate * (1 - rate)) / n);
  return { won, n, rate, ci: [rate - h, rate + h] };
}

function winRate(won: number, n = 400): WinRateResult {
  const row = {
    dimension: 'leadSource' as const,
    segment: 'Inbound',
    rateEffect: -0.02,
    mixEffect: -0.002,
    total: -0.022,
    previous: fig(60, 120),
    current: fig(40, 110),
  };
  return {
    asOf: '2024-06-30',
    window: 90,
    overall: fig(won, n),
    previous: fig(190, 400),
    segments: [],
    trend: [],
    consecutiveDeclines: 3,
    decomposition: [row],
    biggestContributor: row,
  };
}

function momentum(significant: boolean, value = 'Inbound'): MomentumResult {
  const seg = {
    dimension: 'leadSource' as const,
    value,
    smi: -0.03,
    current: fig(80, 200),
    previous: fig(100, 200),
    share: 0.25,
    p: significant ? 0.001 : 0.3,
    significant,
    baseline: fig(400, 800),
    declineP: significant ? 0.001 : 0.3,
    declineSignificant: significant,
    riseP: significant ? 0.999 : 0.7,
    riseSignificant: false,
  };
  return {
    asOf: '2024-06-30',
    quarter: '2024Q2',
    previousQuarter: '2024Q1',
    partial: false,
    fdr: 0.1,
    segments: [seg],
    mostNegative: seg,
    baselineQuarters: { from: '2023Q2', to: '2024Q1' },
    significantDeclines: significant ? [seg] : [],
  };
}

const render = (view: AlertView) => ({
  text: `${view.kind} #${view.alertId}: ${view.candidate.title}`,
});

function setup(now: string, opts: { budget?: number; failPosts?: boolean } = {}) {
  const db = createTestDb();
  const store = createSqliteStore(db);
  const messenger = createRecordingMessenger({ failPosts: opts.failPosts });
  let clock = new Date(now);
  const deps = {
    store,
    messenger,
    render,
    channels: { alerts: 'CALERTS', ops: 'COPS' },
    threshold: 0.43,
    budget: opts.budget ?? 3,
    now: () => clock,
  };
  return { db, messenger, deps, setNow: (iso: string) => (clock = new Date(iso)) };
}

describe('alert sweep', () => {
  it('posts a threshold alert once, edits it in place while active, and resolves it in its thread when the rate recovers', async () => {
    const { messenger, deps, setNow } = setup('2024-07-01T06:05:00Z');
    const first = await runAlertSweep(deps, { asOf: '2024-06-30', winRate: winRate(160) });
    expect(first.alerts.map((a) => [a.key, a.status])).toEqual([
      ['winrate-threshold:overall', 'sent'],
    ]);
    expect(messenger.calls).toHaveLength(1);
    expect(messenger.calls[0]?.channel).toBe('CALERTS');
    expect(messenger.calls[0]?.message?.text).toMatch(/^winrate-threshold #\d+/);
    const ts = messenger.calls[0]?.ts;

    setNow('2024-07-02T06:05:00Z');
    const second = await runAlertSweep(deps, { asOf: '2024-07-01', winRate: winRate(161) });
    expect(second.alerts[0]?.status).toBe('deduped');
    expect(second.alerts[0]?.reason).toMatch(/edited in place/);
    expect(second.editedKeys).toEqual(['winrate-threshold:overall']);
    expect(messenger.calls.map((c) => [c.kind, c.ts])).toEqual([
      ['post', ts],
      ['update', ts],
    ]);
    // the edit carries the first alert's id, so its buttons still land on it
    expect(messenger.calls[1]?.message?.text).toBe(messenger.calls[0]?.message?.text);

    setNow('2024-07-03T06:05:00Z');
    const recovered = await runAlertSweep(deps, { asOf: '2024-07-02', winRate: winRate(190) });
    expect(recovered.alerts).toEqual([]);
    expect(recovered.clearedKeys).toEqual(['winrate-threshold:overall']);
    expect((await deps.store.alerts.ledger('2024-W27')).activeKeys.size).toBe(0);
    expect(messenger.calls.slice(2).map((c) => [c.kind, c.ts ?? c.threadTs])).toEqual([
      ['update', ts],
      ['post', expect.any(String)],
    ]);
    expect(messenger.calls[3]).toMatchObject({ threadTs: ts });
    expect(messenger.calls[3]?.message?.text).toBe(
      ':white_check_mark: Resolved on 2024-07-03: rolling 90-day win rate 47.5%, n = 400 (data as of 2024-07-02).',
    );

    setNow('2024-07-04T06:05:00Z');
    const again = await runAlertSweep(deps, { asOf: '2024-07-03', winRate: winRate(150) });
    expect(again.alerts[0]?.status).toBe('sent');
    expect(messenger.calls.filter((c) => c.kind === 'post' && !c.threadTs)).toHaveLength(2);
  });

  it('neither posts, edits nor resolves a snoozed key until its snooze ends, and spends no budget on it', async () => {
    const { messenger, deps, setNow } = setup('2024-07-01T06:05:00Z', { budget: 1 });
    await runAlertSweep(deps, { asOf: '2024-06-30', winRate: winRate(160) });
    const alert = (await deps.store.alerts.list())[0]!;
    await deps.store.alerts.recordEvent({
      alertId: alert.id,
      key: alert.key,
      kind: 'snoozed',
      userId: 'U0ALICE',
      until: '2024-07-08T06:00:00.000Z',
      at: '2024-07-01T07:00:00.000Z',
    });
    setNow('2024-07-02T06:05:00Z');
    const held = await runAlertSweep(deps, { asOf: '2024-07-01', winRate: winRate(161) });
    expect(held.alerts.map((a) => [a.key, a.status])).toEqual([
      ['winrate-threshold:overall', 'snoozed'],
    ]);
    expect(held.alerts[0]?.reason).toBe(
      'snoozed by U0ALICE until 2024-07-08 06:00 UTC: not posted or edited',
    );
    // cleared while snoozed: not resolved yet
    setNow('2024-07-03T06:05:00Z');
    const quiet = await runAlertSweep(deps, { asOf: '2024-07-02', winRate: winRate(190) });
    expect(quiet.clearedKeys).toEqual([]);
    expect(messenger.calls.map((c) => c.kind)).toEqual(['post']);
    // the snooze ended: the next sweep resolves it
    setNow('2024-07-08T06:05:00Z');
    const after = await runAlertSweep(deps, { asOf: '2024-07-07', winRate: winRate(190) });
    expect(after.clearedKeys).toEqual(['winrate-threshold:overall']);
    expect(messenger.calls.map((c) => c.kind)).toEqual(['post', 'update', 'post']);
  });

  it('does not clear a key whose type was not evaluated this sweep', async () => {
    const { deps, setNow } = setup('2024-07-01T06:05:00Z');
    await runAlertSweep(deps, { asOf: '2024-06-30', winRate: winRate(160) });
    setNow('2024-07-02T06:05:00Z');
    const result = await runAlertSweep(deps, { asOf: '2024-07-01', momentum: momentum(false) });
    expect(result.clearedKeys).toEqual([]);
    expect(
      (await deps.store.alerts.ledger('2024-W27')).activeKeys.has('winrate-threshold:overall'),
    ).toBe(true);
  });

  it('sends negative momentum only when significant', async () => {
    const { deps } = setup('2024-07-01T06:05:00Z');
    const quiet = await runAlertSweep(deps, { asOf: '2024-06-30', momentum: momentum(false) });
    expect(quiet.alerts).toEqual([]);
    const loud = await runAlertSweep(deps, { asOf: '2024-06-30', momentum: momentum(true) });
    expect(loud.alerts.map((a) => [a.key, a.severity, a.status])).toEqual([
      ['negative-momentum:leadSource:Inbound', 'MEDIUM', 'sent'],
    ]);
  });

  it('posts a volume spike and a model drift to the ops channel once, and clears them', async () => {
    const { messenger, deps } = setup('2024-07-01T06:00:00Z');
    const spike = { ...SPIKE, possibleDuplicates: { count: 0, ids: [] } };
    const drift = DRIFT;
    const first = await runAlertSweep(deps, {
      asOf: '2024-06-30',
      volumeSpike: spike,
      modelDrift: drift,
    });
    expect(first.alerts.map((a) => [a.key, a.destination, a.status])).toEqual([
      ['volume-spike:2024-06-24', 'ops', 'sent'],
      ['model-drift:drivers-v1-2024-06-24', 'ops', 'sent'],
    ]);
    expect(messenger.calls.map((c) => c.channel)).toEqual(['COPS', 'COPS']);
    const again = await runAlertSweep(deps, {
      asOf: '2024-06-30',
      volumeSpike: spike,
      modelDrift: drift,
    });
    expect(again.alerts.map((a) => a.status)).toEqual(['deduped', 'deduped']);
    const calm = await runAlertSweep(deps, {
      asOf: '2024-07-01',
      volumeSpike: { ...spike, spike: false },
      modelDrift: null,
    });
    expect(calm.clearedKeys.sort()).toEqual([
      'model-drift:drivers-v1-2024-06-24',
      'volume-spike:2024-06-24',
    ]);
    // each resolved in its thread with the figure now
    expect(messenger.calls.filter((c) => c.threadTs).map((c) => c.message?.text)).toEqual([
      ':white_check_mark: Resolved on 2024-07-01: no driver model to check (data as of 2024-07-01).',
      ':white_check_mark: Resolved on 2024-07-01: 90 deals created in the week of 2024-06-24, median 40: no spike (data as of 2024-07-01).',
    ]);
  });

  it('folds MEDIUM alerts past the weekly budget and still posts HIGH as over budget', async () => {
    const { messenger, deps } = setup('2024-07-01T06:05:00Z', { budget: 1 });
    const result = await runAlertSweep(deps, {
      asOf: '2024-06-30',
      winRate: winRate(160),
      momentum: momentum(true),
    });
    expect(result.alerts.map((a) => [a.key, a.status])).toEqual([
      ['winrate-threshold:overall', 'sent'],
      ['negative-momentum:leadSource:Inbound', 'folded'],
    ]);
    const next = await runAlertSweep(deps, {
      asOf: '2024-06-30',
      syncHealth: [
        {
          source: 'salesforce',
          consecutiveFailures: 3,
          lastError: 'INVALID_SESSION_ID',
          lastGoodDataAsOf: '2024-06-29',
        },
      ],
    });
    // the ops channel has its own budget
    expect(next.alerts.map((a) => [a.key, a.destination, a.status])).toEqual([
      ['sync-failed:salesforce', 'ops', 'sent'],
    ]);
    expect(messenger.calls.map((c) => c.channel)).toEqual(['CALERTS', 'COPS']);
    const rows = await deps.store.alerts.list();
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.status === 'folded')?.reason).toMatch(/budget of 1 spent/);
  });

  it('posts HIGH over budget with the reason logged', async () => {
    const { deps } = setup('2024-07-01T06:05:00Z', { budget: 0 });
    const result = await runAlertSweep(deps, { asOf: '2024-06-30', winRate: winRate(160) });
    expect(result.alerts[0]?.status).toBe('over_budget');
    expect(result.alerts[0]?.reason).toMatch(/HIGH severity/);
  });

  it('keeps a failed post in the log without making its key active, so the next sweep retries', async () => {
    const { deps } = setup('2024-07-01T06:05:00Z', { failPosts: true });
    const result = await runAlertSweep(deps, { asOf: '2024-06-30', winRate: winRate(160) });
    expect(result.alerts[0]?.status).toBe('post_failed');
    expect((await deps.store.alerts.list())[0]?.reason).toMatch(/channel_not_found/);
    expect((await deps.store.alerts.ledger('2024-W27')).activeKeys.size).toBe(0);
  });

  it('writes nothing and posts nothing in a dry run, but returns the payload', async () => {
    const { messenger, deps } = setup('2024-07-01T06:05:00Z');
    const result = await runAlertSweep(
      deps,
      { asOf: '2024-06-30', winRate: winRate(160) },
      { dryRun: true },
    );
    expect(result.alerts[0]?.message?.text).toMatch(/Win rate below threshold/);
    expect(messenger.calls).toEqual([]);
    expect(await deps.store.alerts.list()).toEqual([]);
  });
});
