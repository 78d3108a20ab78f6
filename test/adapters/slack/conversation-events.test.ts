/**
 * Questions in plain words through the real Bolt app (HTTP, signed) against the emulator as
 * the Slack Web API: a mention is answered in a thread under it, a DM in the DM, a reply in
 * a thread dealfit answered refines the question before it; retries of one event are
 * answered once; bots, edits and other channel talk are never answered.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/adapters/storage/database.js';
import type { ChartRenderer, Png } from '../../../src/app/ports/messenger.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { type Harness, SIGNING_SECRET, startHarness } from '../../helpers/slack-harness.js';
import { assertWithinSlackLimits } from '../../helpers/slack-limits.js';
import { postCommand } from '../../helpers/slack-requests.js';
import { createTestDb } from '../../helpers/test-db.js';

let db: Db;
let h: Harness;
let seq = 0;
const ts = () => `1719700000.${String(++seq).padStart(6, '0')}`;

beforeAll(async () => {
  db = createTestDb();
  insertDemoDeals(db, { deals: 3000 });
  h = await startHarness({ db });
});
afterAll(async () => {
  await h?.close();
  db?.$client.close();
});

type Post = { channel: string; thread_ts?: string; text: string; blocks?: unknown[] };
const posts = () => h.fake.callsTo('chat.postMessage').map((c) => c.params as unknown as Post);
let before = 0;
beforeEach(() => {
  before = posts().length;
});
const newPosts = () => posts().slice(before);
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('questions in Slack', () => {
  it('answers a mention in a thread under it, saying how it read the question', async () => {
    const mention = ts();
    const res = await h.event({
      type: 'app_mention',
      user: 'U0ALICE',
      channel: 'C0SALES',
      text: `<@${h.fake.bot.userId}> how are we doing in APAC?`,
      ts: mention,
      event_ts: mention,
    });
    expect(res.status).toBe(200);
    const [answer] = await h.fake.waitFor(() => newPosts().length > 0 && newPosts(), 10_000);
    expect(answer!.channel).toBe('C0SALES');
    expect(answer!.thread_ts).toBe(mention);
    const blocks = JSON.stringify(answer!.blocks);
    expect(blocks).toContain('read as: *win rate · APAC · closed');
    expect(blocks).toMatch(/Win rate for APAC, closed .*: \d+\.\d% \(95% CI/);
    expect(blocks).toContain('"action_id":"ask_followup_0"');
    assertWithinSlackLimits({ text: answer!.text, blocks: answer!.blocks as never });

    // a reply in that thread, without a mention, refines the question
    before = posts().length;
    const reply = ts();
    await h.event({
      type: 'message',
      channel_type: 'channel',
      user: 'U0ALICE',
      channel: 'C0SALES',
      text: 'by industry',
      ts: reply,
      thread_ts: mention,
      event_ts: reply,
    });
    const [refined] = await h.fake.waitFor(() => newPosts().length > 0 && newPosts(), 10_000);
    expect(refined!.thread_ts).toBe(mention);
    expect(JSON.stringify(refined!.blocks)).toContain('win rate · APAC · by industry');
  });

  it('answers a DM in the DM, and refuses a value that is not in the data without a figure', async () => {
    const dm = ts();
    await h.event({
      type: 'message',
      channel_type: 'im',
      user: 'U0ALICE',
      channel: 'D0ALICE',
      text: 'win rate in Narnia',
      ts: dm,
      event_ts: dm,
    });
    const [answer] = await h.fake.waitFor(() => newPosts().length > 0 && newPosts(), 10_000);
    expect(answer!.channel).toBe('D0ALICE');
    expect(answer!.thread_ts).toBeUndefined();
    const blocks = JSON.stringify(answer!.blocks);
    expect(blocks).toContain('I don\'t know \\"Narnia\\" in the deal data');
    expect(blocks).not.toMatch(/\d+\.\d%/);
    expect(blocks).not.toContain('ask_followup');
  });

  it('answers a retried event once (same event_id, X-Slack-Retry-Num)', async () => {
    const m = ts();
    const event = {
      type: 'app_mention',
      user: 'U0ALICE',
      channel: 'C0SALES',
      text: `<@${h.fake.bot.userId}> pipeline`,
      ts: m,
      event_ts: m,
    };
    const first = await h.event(event, { eventId: 'EvRETRY1' });
    const again = await h.event(event, {
      eventId: 'EvRETRY1',
      retry: { num: 1, reason: 'http_timeout' },
    });
    expect([first.status, again.status]).toEqual([200, 200]);
    await h.fake.waitFor(() => newPosts().length > 0, 10_000);
    await settle();
    expect(newPosts().filter((p) => p.thread_ts === m)).toHaveLength(1);
  });

  it('answers a command once when its retry is taken before the original (another instance first)', async () => {
    const url = h.fake.responseUrl('C0SALES', 'U0ALICE');
    const id = url.split('/').pop();
    const answered = () => h.fake.responses.filter((r) => r.id === id);
    const fields = { command: '/winrate', text: 'region', responseUrl: url, triggerId: 'T.late.1' };
    const retried = await postCommand(h.url, SIGNING_SECRET, fields, {
      retry: { num: 1, reason: 'http_timeout' },
    });
    await h.fake.waitFor(() => answered().length > 0, 10_000);
    const original = await postCommand(h.url, SIGNING_SECRET, fields);
    expect([retried.status, original.status]).toEqual([200, 200]);
    await settle();
    expect(answered()).toHaveLength(1);
  });

  it('answers every original that reuses a trigger id (a client that is not Slack)', async () => {
    const url = h.fake.responseUrl('C0SALES', 'U0ALICE');
    const id = url.split('/').pop();
    const fields = { command: '/winrate', text: '', responseUrl: url, triggerId: 'T.reused' };
    for (let i = 0; i < 3; i++) {
      expect((await postCommand(h.url, SIGNING_SECRET, fields)).status).toBe(200);
    }
    await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id).length >= 3, 10_000);
  });

  it('never answers bots, itself, edits, channel talk, or a thread it is not part of', async () => {
    const t = ts();
    const events = [
      // another bot mentioning dealfit
      {
        type: 'app_mention',
        bot_id: 'B0OTHER',
        user: 'U0BOT',
        channel: 'C0SALES',
        text: `<@${h.fake.bot.userId}> win rate`,
        ts: t,
        event_ts: t,
      },
      // dealfit's own message echoed back
      {
        type: 'message',
        channel_type: 'im',
        bot_id: h.fake.bot.botId,
        user: h.fake.bot.userId,
        channel: 'D0ALICE',
        text: 'win rate',
        ts: ts(),
        event_ts: t,
      },
      // an edit
      {
        type: 'message',
        subtype: 'message_changed',
        channel_type: 'im',
        channel: 'D0ALICE',
        ts: ts(),
        event_ts: t,
        message: { text: 'win rate' },
      },
      // top-level channel talk without a mention
      {
        type: 'message',
        channel_type: 'channel',
        user: 'U0ALICE',
        channel: 'C0SALES',
        text: 'win rate by region',
        ts: ts(),
        event_ts: t,
      },
      // a reply in someone else's thread dealfit never answered in
      {
        type: 'message',
        channel_type: 'channel',
        user: 'U0ALICE',
        channel: 'C0SALES',
        text: 'and in APAC?',
        ts: ts(),
        thread_ts: '1600000000.000001',
        event_ts: t,
      },
    ];
    for (const e of events) expect((await h.event(e)).status).toBe(200);
    await settle();
    expect(newPosts()).toEqual([]);
  });

  it('answers a mention inside a thread once, though Slack sends it as two events', async () => {
    const parent = ts();
    const inThread = ts();
    const text = `<@${h.fake.bot.userId}> momentum`;
    await h.event({
      type: 'app_mention',
      user: 'U0ALICE',
      channel: 'C0SALES',
      text,
      ts: inThread,
      thread_ts: parent,
      event_ts: inThread,
    });
    await h.event({
      type: 'message',
      channel_type: 'channel',
      user: 'U0ALICE',
      channel: 'C0SALES',
      text,
      ts: inThread,
      thread_ts: parent,
      event_ts: inThread,
    });
    await h.fake.waitFor(() => newPosts().length > 0, 10_000);
    await settle();
    expect(newPosts().filter((p) => p.thread_ts === parent)).toHaveLength(1);
  });

  it('reads free text after a command as a question, and keeps the old arguments working', async () => {
    const free = await h.command('/winrate', 'FinTech since March');
    expect(free.status).toBe(200);
    const [answer] = await h.fake.waitFor(
      () => free.answers().length > 0 && free.answers(),
      10_000,
    );
    expect(answer!.body.response_type).toBe('ephemeral');
    const blocks = JSON.stringify(answer!.body.blocks);
    expect(blocks).toMatch(/read as: \*win rate · FinTech · closed 2024-03-01 to 2024-06-30/);
    assertWithinSlackLimits({ text: answer!.body.text, blocks: answer!.body.blocks });

    const month = await h.command('/audit', 'march');
    const [audit] = await h.fake.waitFor(
      () => month.answers().length > 0 && month.answers(),
      10_000,
    );
    expect(JSON.stringify(audit!.body.blocks)).toContain('Rep audit for 2024-03');

    const old = await h.command('/winrate', 'industry');
    const [table] = await h.fake.waitFor(() => old.answers().length > 0 && old.answers(), 10_000);
    expect(JSON.stringify(table!.body.blocks)).toContain('Win rate by industry');
    expect(JSON.stringify(table!.body.blocks)).not.toContain('read as:');
  });
});

describe('answers at stop', () => {
  it('finishes the answers in flight, their charts waiting in the lane included, before it stops', async () => {
    // a slow renderer: the words of three answers are out while their charts queue
    const png = async (): Promise<Png> => {
      await new Promise((r) => setTimeout(r, 150));
      return { data: Buffer.from('PNG'), width: 1, height: 1 };
    };
    const charts = {
      winRateBySegment: png,
      winRateTrend: png,
      fitHeatmap: png,
      questionChart: png,
    } as unknown as ChartRenderer;
    const own = await startHarness({ db, charts });
    const questions = ['win rate by industry', 'win rate by region', 'win rate by product'];
    try {
      for (const q of questions) {
        const at = ts();
        await own.event({
          type: 'app_mention',
          user: 'U0ALICE',
          channel: 'C0SALES',
          text: `<@${own.fake.bot.userId}> ${q}`,
          ts: at,
          event_ts: at,
        });
      }
      await own.fake.waitFor(() => own.fake.callsTo('chat.postMessage').length >= 3, 10_000);
      expect(own.fake.callsTo('files.completeUploadExternal').length).toBeLessThan(3);
      await own.app.stop();
      expect(own.fake.callsTo('files.completeUploadExternal').length).toBe(3);
    } finally {
      await own.fake.close();
    }
  });
});
