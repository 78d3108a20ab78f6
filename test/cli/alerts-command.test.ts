/**
 * `dealfit alerts list [--json]`: every key with its state and history, from an alert log
 * written by the real sweep, snooze and feedback use cases.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import {
  type AlertView,
  recordAlertFeedback,
  snoozeAlert,
} from '../../src/app/alerts/alert-lifecycle.js';
import { runAlertSweep } from '../../src/app/alerts/alert-sweep.js';
import { commands } from '../../src/cli/commands.js';
import { runCli } from '../../src/cli/run-cli.js';
import { createRecordingMessenger } from '../helpers/recording-messenger.js';
import { figure, winRateReport } from '../helpers/report-fixtures.js';
import { createTempDbPath } from '../helpers/test-db.js';

const report = (asOf: string, won: number) => ({
  ...winRateReport(),
  asOf,
  overall: figure(won, 420),
});

async function dealfit(argv: string[], now: string) {
  const out: string[] = [];
  const code = await runCli(commands, argv, {
    env: {},
    io: { out: (t) => out.push(t), err: () => {}, isTty: false },
    now: () => new Date(now),
  });
  return { code, stdout: out.join('\n') };
}

describe('dealfit alerts list', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  /** Two episodes of the threshold alert: feedback, edited, resolved, sent again, snoozed. */
  async function alertLog(): Promise<string> {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const db = openDatabase(tmp.path);
    let clock = new Date('2024-07-01T06:05:00Z');
    const deps = {
      store: createSqliteStore(db),
      messenger: createRecordingMessenger(),
      render: (view: AlertView) => ({ text: view.candidate.title }),
      channels: { alerts: 'CALERTS' },
      threshold: 0.43,
      budget: 3,
      now: () => clock,
    };
    const at = (iso: string) => (clock = new Date(iso));
    const first = await runAlertSweep(deps, {
      asOf: '2024-06-30',
      winRate: report('2024-06-30', 173),
    });
    const id = first.alerts[0]!.id!;
    at('2024-07-01T09:00:00Z');
    await recordAlertFeedback(deps, {
      alertId: id,
      userId: 'U0BOB',
      channel: 'CALERTS',
      useful: false,
    });
    at('2024-07-02T06:05:00Z');
    await runAlertSweep(deps, { asOf: '2024-07-01', winRate: report('2024-07-01', 170) });
    at('2024-07-03T06:05:00Z');
    await runAlertSweep(deps, { asOf: '2024-07-02', winRate: report('2024-07-02', 200) });
    at('2024-07-04T06:05:00Z');
    const again = await runAlertSweep(deps, {
      asOf: '2024-07-03',
      winRate: report('2024-07-03', 160),
    });
    at('2024-07-04T10:00:00Z');
    await snoozeAlert(deps, {
      alertId: again.alerts[0]!.id!,
      userId: 'U0ALICE',
      channel: 'CALERTS',
      days: 30,
    });
    closeDatabase(db);
    return tmp.path;
  }

  it('--json: every key with its state (active, resolved, snoozed until) and its history', async () => {
    const db = await alertLog();
    const res = await dealfit(['alerts', 'list', '--db', db, '--json'], '2024-07-05T00:00:00Z');
    expect(res.code).toBe(0);
    const { alerts } = JSON.parse(res.stdout) as { alerts: Array<Record<string, unknown>> };
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      key: 'winrate-threshold:overall',
      type: 'winrate-threshold',
      severity: 'HIGH',
      destination: 'alerts',
      title: 'Win rate below threshold',
      state: 'active',
      snoozed: { userId: 'U0ALICE', until: '2024-08-03T10:00:00.000Z' },
      message: { channel: 'CALERTS', ts: expect.any(String) },
    });
    const history = alerts[0]!.history as Array<{
      at: string;
      event: string;
      detail: string;
      userId?: string;
    }>;
    expect(history.map((h) => [h.at.slice(0, 16), h.event, h.userId ?? null])).toEqual([
      ['2024-07-01T06:05', 'sent', null],
      ['2024-07-01T09:00', 'feedback', 'U0BOB'],
      ['2024-07-02T06:05', 'edited', null],
      ['2024-07-03T06:05', 'resolved', null],
      ['2024-07-04T06:05', 'sent', null],
      ['2024-07-04T10:00', 'snoozed', 'U0ALICE'],
    ]);
    expect(history[1]?.detail).toBe('not useful');
    expect(history[2]?.detail).toBe('still active as of 2024-07-01');
    expect(history[3]?.detail).toBe('now rolling 90-day win rate 47.6%, n = 420');
    expect(history[5]?.detail).toBe('30 days');

    // the snooze has ended a month later
    const later = await dealfit(['alerts', 'list', '--db', db, '--json'], '2024-08-04T00:00:00Z');
    expect(
      (JSON.parse(later.stdout) as { alerts: Array<{ snoozed: unknown }> }).alerts[0]?.snoozed,
    ).toBeNull();
  });

  it('prints one block per key, and says so when there is none', async () => {
    const db = await alertLog();
    const res = await dealfit(['alerts', 'list', '--db', db], '2024-07-05T00:00:00Z');
    expect(res.stdout.split('\n')[0]).toBe(
      'winrate-threshold:overall (HIGH, alerts): active · snoozed by U0ALICE until 2024-08-03 10:00 UTC',
    );
    expect(res.stdout).toContain(
      '  2024-07-03 06:05  resolved    now rolling 90-day win rate 47.6%, n = 420',
    );
    const empty = createTempDbPath();
    cleanups.push(empty.cleanup);
    const none = await dealfit(['alerts', 'list', '--db', empty.path], '2024-07-05T00:00:00Z');
    expect(none).toEqual({
      code: 0,
      stdout: 'no alerts yet (the sweep runs after each `dealfit jobs run metrics`)',
    });
  });
});
