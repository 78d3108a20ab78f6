/**
 * A new install, configured for Slack but with no deals yet, through the real app: the
 * start-up catch-up skips every job ("no deals yet"), posts nothing (no "job failed" ops
 * alert on day one, not even the start-up checks' setup alert), and App Home shows the
 * first steps with each channel's membership.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import { JOB_NAMES, NO_DEALS_YET } from '../../src/app/jobs/jobs.js';
import { type Harness, startHarness } from '../helpers/slack-harness.js';
import { assertWithinSlackLimits, homeViewSchema } from '../helpers/slack-limits.js';
import { createTestDb } from '../helpers/test-db.js';

describe('first run on an empty store', { timeout: 30_000 }, () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('skips every job, posts nothing, and App Home shows the onboarding view', async () => {
    const db = createTestDb();
    h = await startHarness({
      db,
      jobs: true,
      // as `npm start` runs it: the start-up checks see the empty store too
      checks: true,
      channels: [
        { id: 'C0ALERTS', name: 'revenue-alerts' },
        { id: 'C0MGRS', name: 'sales-managers' },
      ],
      env: {
        DEALFIT_ALERTS_CHANNEL: 'C0ALERTS',
        DEALFIT_MANAGERS_CHANNEL: 'C0MGRS',
        DEALFIT_OPS_CHANNEL: 'C0ALERTS',
      },
    });
    await h.app.caughtUp;
    const runs = await createSqliteStore(db).jobRuns.recent(20);
    expect(runs.map((r) => [r.job, r.status]).sort()).toEqual(
      JOB_NAMES.map((j) => [j, 'skipped']).sort(),
    );
    expect(runs.find((r) => r.job === 'metrics')?.detail).toBe(NO_DEALS_YET);
    expect(h.logs.map((l) => l.text)).toContainEqual(
      expect.stringMatching(/job audit .* skipped: no deals yet/),
    );
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
    expect(h.fake.messages).toEqual([]);
    // the start-up checks name the empty store, and it is the only thing they found
    expect(h.app.setup?.checks.filter((c) => c.status !== 'ok')).toEqual([
      expect.objectContaining({ name: 'deals', detail: expect.stringMatching(/^no deals yet/) }),
    ]);

    // someone removes dealfit from the managers' channel: the Home tab says so
    h.fake.setBotMember('C0MGRS', false);

    const opened = await h.event({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0ALICE',
      tab: 'home',
      event_ts: '1.2',
    });
    expect(opened.status).toBe(200);
    const view = await h.fake.waitFor(() => h?.fake.homeViews.get('U0ALICE'));
    assertWithinSlackLimits(view, homeViewSchema);
    const text = JSON.stringify(view);
    expect(text).toContain('Welcome to dealfit');
    expect(text).toContain('`dealfit import deals.csv`');
    expect(text).toContain('`SALESFORCE_*`');
    expect(text).toContain('*alerts and the weekly digest*: <#C0ALERTS>, dealfit is in it');
    expect(text).toContain(
      '*co-lead cards and the rep audit*: <#C0MGRS>, dealfit is not in it yet: type `/invite @dealfit` there',
    );
    expect(text).toContain('`/winrate`');
    expect(text).toContain('`/rsfs D00042`');
    expect(text).toContain('`dealfit doctor`');
    // still nothing posted into a channel: the Home view is all a new user sees
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
  });
});
