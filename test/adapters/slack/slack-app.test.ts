import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notReadyBecause } from '../../../src/adapters/slack/slack-app.js';
import type { Db } from '../../../src/adapters/storage/database.js';
import { readDataVersion } from '../../../src/adapters/storage/pipeline-health.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { computeInThisThread } from '../../../src/app/jobs/job-compute.js';
import type { ChartRenderer } from '../../../src/app/ports/messenger.js';
import { storedFitEvidence } from '../../../src/app/queries/fit-evidence-query.js';
import { NO_EFFECTS } from '../../../src/domain/demo-deals.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { fixtureQueries } from '../../helpers/fixture-queries.js';
import { decodePng } from '../../helpers/png.js';
import { type Harness, startHarness } from '../../helpers/slack-harness.js';
import { assertWithinSlackLimits, homeViewSchema } from '../../helpers/slack-limits.js';
import { createTestDb } from '../../helpers/test-db.js';

describe('the Bolt app over HTTP, against the fake Slack', () => {
  let db: Db;
  let queries: ReturnType<typeof fixtureQueries>;
  let h: Harness;

  async function start(charts?: ChartRenderer) {
    h = await startHarness({ db, queries, ...(charts ? { charts } : {}) });
    // start() warms the cache with the 90-day win rate; tests count what users cause
    expect(queries.asked).toEqual(['winrate - 90']);
    queries.asked.length = 0;
  }

  beforeEach(() => {
    db = createTestDb();
    queries = fixtureQueries();
  });
  afterEach(async () => {
    await h?.close();
    db.$client.close();
  });

  it('rejects a bad signature and a stale timestamp with 401, and runs nothing', async () => {
    await start();
    const bad = await h.command('/winrate', '', { secret: 'not-the-secret' });
    expect(bad.status).toBe(401);
    const stale = await h.command('/winrate', '', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(queries.asked).toEqual([]);
    expect(h.fake.responses).toEqual([]);
  });

  it('acks /winrate at once and answers ephemerally, with the chart in the DM', async () => {
    await start();
    const sent = await h.command('/winrate', 'industry');
    expect(sent.status).toBe(200);
    const [answer] = await h.fake.waitFor(() => sent.answers().length > 0 && sent.answers());
    expect(answer!.body.response_type).toBe('ephemeral');
    assertWithinSlackLimits({ text: answer!.body.text, blocks: answer!.body.blocks });
    expect(JSON.stringify(answer!.body.blocks)).toContain('chart sent to your direct messages');
    expect(queries.asked).toEqual(['winrate industry 90']);
    const file = await h.fake.waitFor(() => [...h.fake.files.values()].find((f) => f.channel));
    expect(file.channel).toBe('D0ALICE');
    const png = decodePng(file.bytes!);
    expect(png.width).toBe(900);
    expect(h.fake.filesIn('C0GENERAL')).toEqual([]);
  });

  it('posts in the channel with `public`, chart included', async () => {
    await start();
    const sent = await h.command('/winrate', 'lead all public', { channel: 'C0SALES' });
    await h.fake.waitFor(() => h.fake.filesIn('C0SALES').length > 0);
    expect(sent.answers()[0]?.body.response_type).toBe('in_channel');
    expect(h.fake.messagesIn('C0SALES').filter((m) => m.viaResponseUrl)).toHaveLength(1);
    expect(queries.asked).toEqual(['winrate leadSource all']);
  });

  it('answers /rsfs and /audit, and help for each', async () => {
    await start();
    const rsfs = await h.command('/rsfs', 'D04521');
    const [card] = await h.fake.waitFor(() => rsfs.answers().length > 0 && rsfs.answers());
    expect(card!.body.text).toContain('RSFS 0.281 (RED)');
    const audit = await h.command('/audit', '2024-01');
    const [reply] = await h.fake.waitFor(() => audit.answers().length > 0 && audit.answers());
    expect(reply!.body.text).toContain('Rep audit January 2024');
    assertWithinSlackLimits({ text: reply!.body.text, blocks: reply!.body.blocks });
    for (const command of ['/winrate', '/rsfs', '/audit']) {
      const help = await h.command(command, 'help');
      const [usage] = await h.fake.waitFor(() => help.answers().length > 0 && help.answers());
      expect(usage!.body.text).toMatch(new RegExp(`^Usage: ${command}`));
    }
  });

  it.each([
    ['/winrate', 'industy', /Did you mean `industry`/],
    ['/winrate', 'industry region', /one segment/],
    ['/winrate', '5d', /out of range/],
    ['/audit', '2024-13', /"2024-13" is not a month/],
    ['/audit', '2030-01', /not complete/],
    ['/audit', '2024-01 2024-02', /Give one month/],
    ['/rsfs', 'D4521', /deal D4521 not found\. Similar ids: `D04521`/],
    ['/rsfs', '', /Which deal\?/],
    ['/rsfs', "D1'; DROP TABLE deals;--", /not a deal id|One deal id/],
    ['/rsfs', '<!channel> <@U0BOSS>', /One deal id/],
    ['/winrate', 'ïndustry 🚀', /Unknown segment/],
    ['/winrate', 'x'.repeat(10_000), /10,000 characters/],
  ])('%s %s -> short ephemeral usage, nothing written', async (command, text, problem) => {
    await start();
    const version = readDataVersion(db);
    const sent = await h.command(command, text);
    expect(sent.status).toBe(200);
    const [answer] = await h.fake.waitFor(() => sent.answers().length > 0 && sent.answers());
    expect(answer!.body.response_type).toBe('ephemeral');
    expect(answer!.body.text).toMatch(problem);
    expect(JSON.stringify(answer!.body.blocks)).not.toMatch(/<!channel>|<@U0BOSS>/);
    assertWithinSlackLimits({ text: answer!.body.text, blocks: answer!.body.blocks });
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
    expect(readDataVersion(db)).toBe(version);
  });

  it('sends the text with a note when the chart cannot be drawn', async () => {
    await start({
      winRateBySegment: () => Promise.reject(new Error('renderer exploded')),
      winRateTrend: () => Promise.reject(new Error('renderer exploded')),
      fitHeatmap: () => new Promise(() => {}),
      questionChart: () => Promise.reject(new Error('renderer exploded')),
    });
    const sent = await h.command('/winrate', 'industry');
    const [answer] = await h.fake.waitFor(() => sent.answers().length > 0 && sent.answers());
    expect(JSON.stringify(answer!.body.blocks)).toContain('the chart could not be drawn');
    expect(h.fake.files.size).toBe(0);
    expect(h.logs.some((l) => l.level === 'warn' && l.text.includes('renderer exploded'))).toBe(
      true,
    );
  });

  it('still answers when the chart upload fails, then says why', async () => {
    await start();
    h.fake.fail('files.getUploadURLExternal', 'not_in_channel', 5);
    const sent = await h.command('/winrate', 'industry public');
    const answers = await h.fake.waitFor(() => sent.answers().length >= 2 && sent.answers());
    expect(answers[0]!.body.response_type).toBe('in_channel');
    expect(answers[1]!.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(answers[1]!.body.text)).toContain('invite @dealfit');
  });

  it('gives the user "what went wrong, what to do" on an unexpected error', async () => {
    await start();
    queries.fail = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    const sent = await h.command('/winrate', 'region');
    const [answer] = await h.fake.waitFor(() => sent.answers().length > 0 && sent.answers());
    expect(answer!.body.response_type).toBe('ephemeral');
    expect(answer!.body.text).toContain('dealfit could not read its database');
    expect(JSON.stringify(answer!.body.blocks)).toMatch(/reference: `[0-9a-f]{8}`/);
    expect(h.logs.some((l) => l.level === 'error' && l.text.includes('db:SQLITE_IOERR'))).toBe(
      true,
    );
  });

  it('publishes the Home tab on app_home_opened (home tab only)', async () => {
    await start();
    const messages = await h.event({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0ALICE',
      tab: 'messages',
      event_ts: '1.1',
    });
    expect(messages.status).toBe(200);
    const home = await h.event({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0ALICE',
      tab: 'home',
      event_ts: '1.2',
    });
    expect(home.status).toBe(200);
    const view = await h.fake.waitFor(() => h.fake.homeViews.get('U0ALICE'));
    assertWithinSlackLimits(view, homeViewSchema);
    expect(JSON.stringify(view)).toContain('No deals yet'); // empty store
    expect(h.fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('App Home says whether fit goes with winning on this data, from the driver model in use', async () => {
    insertDemoDeals(db, { deals: 4000, effects: { ...NO_EFFECTS, repIndustrySkillSd: 0.6 } });
    const store = createSqliteStore(db);
    await computeInThisThread(store).driversRun('2024-07-01T06:00:00Z');
    const auc = (await storedFitEvidence(store)).auc!;
    await start();
    await h.event({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0ALICE',
      tab: 'home',
      event_ts: '1.3',
    });
    const view = await h.fake.waitFor(() => h.fake.homeViews.get('U0ALICE'));
    assertWithinSlackLimits(view, homeViewSchema);
    expect(JSON.stringify(view)).toContain(
      `Fit is associated with winning on your data: AUC ${auc.value.toFixed(2)} (95% CI ${auc.ci![0].toFixed(2)}–${auc.ci![1].toFixed(2)}`,
    );
  });

  it('serves GET /healthz with the store, its migrations and this instance', async () => {
    await start();
    const res = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { instance: { id: string } };
    const shipped = db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as {
      n: number;
    };
    expect(report).toEqual({
      ok: true,
      db: { ok: true },
      dataAsOf: null,
      lastSync: null,
      store: { kind: 'sqlite' },
      migrations: { state: 'applied', known: shipped.n, applied: shipped.n },
      // jobs are off in this harness: no lease held
      instance: {
        id: expect.stringMatching(/^.+:\d+:[0-9a-f]{6}$/),
        holdsLease: false,
        leases: [],
      },
    });
    // the instance registered itself
    const row = db.$client.prepare('select id, pid from instances').get() as { id: string };
    expect(row).toEqual({ id: report.instance.id, pid: process.pid });
  });

  it('GET /readyz: 200 when ready, 503 with the reason while a migration is missing or the store is gone', async () => {
    await start();
    const readyz = async () => {
      const res = await fetch(`http://127.0.0.1:${h.port}/readyz`);
      return { status: res.status, body: (await res.json()) as { reasons: string[] } };
    };
    expect(await readyz()).toEqual({ status: 200, body: { ready: true, reasons: [] } });
    // the database as another instance would leave it mid-upgrade: the newest shipped
    // migration not recorded yet
    const last = db.$client
      .prepare('select hash, created_at from __drizzle_migrations order by created_at desc limit 1')
      .get() as { hash: string; created_at: number };
    db.$client
      .prepare('delete from __drizzle_migrations where created_at = ?')
      .run(last.created_at);
    expect(await readyz()).toEqual({
      status: 503,
      body: { ready: false, reasons: ['migrations not applied yet'] },
    });
    const health = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(((await health.json()) as { migrations: unknown }).migrations).toMatchObject({
      state: 'pending',
    });
    db.$client
      .prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)')
      .run(last.hash, last.created_at);
    expect((await readyz()).status).toBe(200);
    // the store unreachable: its connection is gone
    await h.close();
    db.$client.close();
    const again = createTestDb();
    h = await startHarness({ db: again, queries: fixtureQueries() });
    again.$client.close();
    const gone = await readyz();
    expect(gone.status).toBe(503);
    expect(gone.body.reasons[0]).toMatch(/^store unreachable: .*database connection is not open/);
    db = createTestDb();
  });

  it('is not ready once stopping, whatever else holds', () => {
    const healthy = { ok: true, db: { ok: true }, dataAsOf: null, lastSync: null };
    expect(notReadyBecause(healthy)).toEqual([]);
    expect(notReadyBecause({ ...healthy, stopping: true })).toEqual(['stopping']);
    expect(
      notReadyBecause({
        ...healthy,
        ok: false,
        db: { ok: false, error: 'SQLITE_CANTOPEN' },
        migrations: { state: 'pending', known: 8, applied: 7 },
      }),
    ).toEqual(['store unreachable: SQLITE_CANTOPEN', 'migrations not applied yet']);
  });

  it('retries a 429 from chat.postMessage with the app’s own client, delivering once', async () => {
    await start();
    h.fake.rateLimit('chat.postMessage', 1, 1);
    const started = Date.now();
    await h.running.app.client.chat.postMessage({ channel: 'C0SALES', text: 'digest' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(h.fake.messagesIn('C0SALES').map((m) => m.text)).toEqual(['digest']);
  });
});
