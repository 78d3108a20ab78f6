/**
 * One living message per alert, through the real Bolt app against the Slack emulator: the
 * sweep posts once and edits in place, resolves in the thread, honours a snooze clicked on
 * the message (with the injectable clock), and answers feedback in the thread.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runAlertSweep } from '../../../src/app/alerts/alert-sweep.js';
import type { WinRateResult } from '../../../src/app/queries/query-results.js';
import type { ClickedElement } from '../../../src/local/workspace/slack-requests.js';
import { figure, winRateReport } from '../../helpers/report-fixtures.js';
import { type Harness, startHarness } from '../../helpers/slack-harness.js';
import { createTestDb } from '../../helpers/test-db.js';

const ALERTS = 'C0ALERTS';
const DAY = 86_400_000;

/** the rolling-90 report on `asOf`: 173/420 (41.2%) is below the 43% threshold */
function report(asOf: string, won = 173): WinRateResult {
  return { ...winRateReport(), asOf, overall: figure(won, 420) };
}

describe('one living message per alert (real Bolt app, Slack emulator)', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const db = createTestDb();
    const clock = { now: new Date('2024-07-01T06:05:00Z') };
    const h: Harness = await startHarness({
      db,
      now: () => clock.now,
      channels: [{ id: ALERTS, name: 'alerts' }],
      env: { DEALFIT_ALERTS_CHANNEL: ALERTS },
    });
    cleanups.push(() => h.close());
    h.fake.addUser({ id: 'U0ALICE', name: 'alice' });
    const sweep = (asOf: string, won?: number) =>
      runAlertSweep(h.app.proactive.alertDeps(), { asOf, winRate: report(asOf, won) });
    const posts = () => h.fake.callsTo('chat.postMessage');
    const updates = () => h.fake.callsTo('chat.update');
    const topLevel = () => h.fake.messagesIn(ALERTS).filter((m) => !m.threadTs);
    const replies = (ts: string) => h.fake.messagesIn(ALERTS).filter((m) => m.threadTs === ts);
    const click = (user: string, element: ClickedElement) => {
      const message = topLevel()[0]!;
      return h.click({
        user,
        channel: { id: ALERTS, name: 'alerts' },
        message: { ts: message.ts, text: message.text, blocks: message.blocks as unknown[] },
        element,
      });
    };
    /** the button with this action id on the alert's message, as Slack would send it */
    const button = (actionId: string): ClickedElement => {
      const blocks = topLevel()[0]?.blocks as Array<{
        block_id?: string;
        elements?: Array<{ action_id?: string; value?: string }>;
      }>;
      for (const b of blocks) {
        const e = b.elements?.find((x) => x.action_id === actionId);
        if (e)
          return { type: 'button', action_id: actionId, block_id: b.block_id!, value: e.value! };
      }
      throw new Error(`no button ${actionId} on the alert`);
    };
    return { h, db, clock, sweep, posts, updates, topLevel, replies, click, button };
  }

  it('an alert active across two sweeps is one message, edited in place: one chat.update, no second chat.postMessage', async () => {
    const s = await setup();
    const first = await s.sweep('2024-06-30');
    expect(first.alerts.map((a) => a.status)).toEqual(['sent']);
    expect(s.posts()).toHaveLength(1);
    const ts = s.topLevel()[0]!.ts;

    s.clock.now = new Date('2024-07-02T06:05:00Z');
    const second = await s.sweep('2024-07-01', 170);
    expect(second.alerts.map((a) => a.status)).toEqual(['deduped']);
    expect(s.posts()).toHaveLength(1);
    expect(s.updates()).toHaveLength(1);
    const update = s.updates()[0]!.params;
    expect(update.ts).toBe(ts);
    const blocks = JSON.stringify(update.blocks);
    expect(blocks).toContain('Still active as of 2024-07-01');
    expect(blocks).toContain('first sent 2024-07-01');
    expect(blocks).toContain('40.5%'); // the new figure, 170/420
    // the buttons still carry the first alert's id
    expect(blocks).toContain(`"value":"${first.alerts[0]!.id}|7"`);
    expect(s.topLevel()).toHaveLength(1);
    expect(s.topLevel()[0]?.edited).toBe(true);
  });

  it('a cleared alert is edited to resolved and gets one reply in its thread', async () => {
    const s = await setup();
    await s.sweep('2024-06-30');
    const ts = s.topLevel()[0]!.ts;
    s.clock.now = new Date('2024-07-03T06:05:00Z');
    const cleared = await s.sweep('2024-07-02', 200);
    expect(cleared.clearedKeys).toEqual(['winrate-threshold:overall']);
    expect(s.updates()).toHaveLength(1);
    const resolved = JSON.stringify(s.updates()[0]!.params.blocks);
    expect(resolved).toContain(
      'Resolved on 2024-07-03* (now rolling 90-day win rate 47.6%, n = 420)',
    );
    expect(s.replies(ts).map((m) => m.text)).toEqual([
      ':white_check_mark: Resolved on 2024-07-03: rolling 90-day win rate 47.6%, n = 420 (data as of 2024-07-02).',
    ]);
    // still clear the day after: nothing more is said
    s.clock.now = new Date('2024-07-04T06:05:00Z');
    await s.sweep('2024-07-03', 201);
    expect(s.updates()).toHaveLength(1);
    expect(s.replies(ts)).toHaveLength(1);
    expect(s.posts()).toHaveLength(2); // the alert and the one reply
  });

  it('a snooze click is acknowledged in the thread; the snoozed alert is neither posted nor edited until the snooze ends', async () => {
    const s = await setup();
    const first = await s.sweep('2024-06-30');
    const ts = s.topLevel()[0]!.ts;
    s.clock.now = new Date('2024-07-01T09:00:00Z');
    const res = await s.click('U0ALICE', s.button('alert_snooze_7'));
    expect(res.status).toBe(200);
    await s.h.fake.waitFor(() => s.replies(ts).length === 1);
    expect(s.replies(ts)[0]?.text).toBe(
      '<@U0ALICE> snoozed this alert for 7 days, until 2024-07-08 09:00 UTC: dealfit will neither post nor update it before then.',
    );
    // the click shows on the message itself
    expect(s.updates()).toHaveLength(1);
    expect(JSON.stringify(s.updates()[0]!.params.blocks)).toContain(
      'Snoozed by <@U0ALICE> until 2024-07-08 09:00 UTC',
    );
    expect(await s.h.app.proactive.deps.store.alerts.snoozes(s.clock.now.toISOString())).toEqual([
      {
        key: 'winrate-threshold:overall',
        alertId: first.alerts[0]!.id,
        userId: 'U0ALICE',
        until: '2024-07-08T09:00:00.000Z',
        at: '2024-07-01T09:00:00.000Z',
      },
    ]);

    // every daily sweep of the week: still below threshold, nothing posted or edited
    for (let day = 1; day <= 6; day++) {
      s.clock.now = new Date(Date.parse('2024-07-01T06:05:00Z') + day * DAY);
      const swept = await s.sweep(s.clock.now.toISOString().slice(0, 10), 170 - day);
      expect(swept.alerts.map((a) => a.status)).toEqual(['snoozed']);
    }
    expect(s.posts()).toHaveLength(2); // the alert and the snooze reply
    expect(s.updates()).toHaveLength(1); // the click's

    // the snooze ended: the next sweep edits the message again
    s.clock.now = new Date('2024-07-08T09:05:00Z');
    const after = await s.sweep('2024-07-08', 160);
    expect(after.alerts.map((a) => a.status)).toEqual(['deduped']);
    expect(s.posts()).toHaveLength(2);
    expect(s.updates()).toHaveLength(2);
    const edited = JSON.stringify(s.updates()[1]!.params.blocks);
    expect(edited).toContain('Still active as of 2024-07-08');
    expect(edited).not.toContain('Snoozed by');
  });

  it('feedback is recorded and acknowledged in the thread', async () => {
    const s = await setup();
    const first = await s.sweep('2024-06-30');
    const ts = s.topLevel()[0]!.ts;
    await s.click('U0ALICE', s.button('alert_useful'));
    await s.h.fake.waitFor(() => s.replies(ts).length === 1);
    expect(s.replies(ts)[0]?.text).toBe(
      '<@U0ALICE> marked this alert useful. Thanks: feedback tunes which alerts are worth your attention.',
    );
    expect((await s.h.app.proactive.deps.store.alerts.history()).feedback).toEqual([
      {
        alertId: first.alerts[0]!.id,
        userId: 'U0ALICE',
        useful: true,
        createdAt: '2024-07-01T06:05:00.000Z',
      },
    ]);
    expect(s.h.fake.ephemeralsFor(ALERTS, 'U0ALICE')).toEqual([]);
  });
});
