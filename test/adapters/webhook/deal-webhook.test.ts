/** POST /hooks/deals on the running app's HTTP port, signed like Slack's requests. */
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { signBody } from '../../../src/adapters/webhook/signature.js';
import { runMetrics } from '../../../src/app/jobs/metrics-run.js';
import { toDayNumber } from '../../../src/domain/dates.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { type Harness, startHarness } from '../../helpers/slack-harness.js';
import { createTestDb } from '../../helpers/test-db.js';
import { webhookDealBody } from '../../helpers/webhook-deal.js';

const SECRET = 'hook-secret';
const MGRS = 'C0MGRS';

async function post(
  h: Harness,
  body: string,
  o: { timestamp?: number; secret?: string; unsigned?: boolean } = {},
) {
  const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${h.port}/hooks/deals`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(o.unsigned
        ? {}
        : {
            'x-dealfit-timestamp': String(ts),
            'x-dealfit-signature': signBody(o.secret ?? SECRET, ts, body),
          }),
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /hooks/deals', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const db = createTestDb();
    insertDemoDeals(db, { deals: 4000 });
    const run = await runMetrics(createSqliteStore(db), {
      now: () => new Date('2024-07-01T06:00:00Z'),
    });
    const h = await startHarness({
      db,
      channels: [{ id: MGRS, name: 'managers' }],
      env: {
        DEALFIT_MANAGERS_CHANNEL: MGRS,
        DEALFIT_MANAGER_IDS: 'U0MGR1',
        DEALFIT_WEBHOOK_SECRET: SECRET,
      },
    });
    cleanups.push(() => h.close());
    // the worst rep×industry fit at the as-of date: a new deal there is RED
    const ctx = run.context;
    const t = toDayNumber(run.summary.asOf);
    let worst = { rep: '', industry: '', rsfs: 2 };
    for (const rep of ctx.table.labels.rep) {
      for (const industry of ctx.table.labels.industry) {
        const s = ctx.index.scoreLabels(rep, industry, t);
        if (s.rsfs < worst.rsfs) worst = { rep, industry, rsfs: s.rsfs };
      }
    }
    // the rep with the lowest overall rate: a new deal of theirs without an industry is RED
    let worstOverall = { rep: '', rsfs: 2 };
    for (const rep of ctx.table.labels.rep) {
      const s = ctx.index.scoreLabels(rep, null, t);
      if (s.rsfs < worstOverall.rsfs) worstOverall = { rep, rsfs: s.rsfs };
    }
    return { h, db, worst, worstOverall, asOf: run.summary.asOf };
  }

  const deal = (o: Record<string, unknown>) => webhookDealBody(o);

  it('upserts a signed deal, scores it and posts the co-lead card when it is RED', async () => {
    const { h, db, worst, asOf } = await setup();
    const res = await post(
      h,
      deal({ sales_rep_id: worst.rep, industry: worst.industry, created_date: asOf }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dealId: 'DW0001', change: 'inserted', flag: 'RED' });
    const colead = res.body.colead as {
      assignmentId: number;
      card: { channel: string; ts: string };
    };
    expect(colead.card.channel).toBe(MGRS);
    const card = h.fake.messagesIn(MGRS).find((m) => m.ts === colead.card.ts);
    expect(card?.text).toMatch(/^Deal DW0001 flagged RED/);
    expect(db.$client.prepare("select rep_id from deals where id = 'DW0001'").pluck().get()).toBe(
      worst.rep,
    );
    // logged as a webhook delivery, not as a Salesforce sync (whose failures raise alerts)
    expect(
      db.$client.prepare('select source, target from sync_runs order by id desc limit 1').get(),
    ).toEqual({ source: 'webhook', target: '/hooks/deals' });
    // the same deal again: stored unchanged, no second card
    const again = await post(
      h,
      deal({ sales_rep_id: worst.rep, industry: worst.industry, created_date: asOf }),
    );
    expect(again.body).toMatchObject({
      change: 'unchanged',
      colead: { skipped: expect.stringMatching(/already has a proposal/) },
    });
    expect(h.fake.messagesIn(MGRS)).toHaveLength(1);
  });

  it('accepts a deal with a blank industry, region and amount, and proposes no co-lead for it', async () => {
    const { h, db, worstOverall, asOf } = await setup();
    const res = await post(
      h,
      deal({
        deal_id: 'DW0009',
        sales_rep_id: worstOverall.rep,
        industry: '',
        region: null,
        deal_amount: '',
        created_date: asOf,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dealId: 'DW0009', change: 'inserted', flag: 'RED' });
    expect(
      db.$client.prepare("select industry, region, amount from deals where id = 'DW0009'").get(),
    ).toEqual({ industry: null, region: null, amount: null });
    // RED, and no card: there is no industry to match a co-lead on
    expect(res.body.colead).toEqual({
      skipped:
        'deal DW0009: no co-lead is proposed: the industry is not set, so there is no industry to match',
    });
    expect(h.fake.messagesIn(MGRS)).toHaveLength(0);
  });

  it('answers 401 to an unsigned, wrongly signed or stale request and stores nothing', async () => {
    const { h, db } = await setup();
    const count = () => db.$client.prepare('select count(*) from deals').pluck().get();
    const before = count();
    const unsigned = await post(h, deal({}), { unsigned: true });
    expect(unsigned).toMatchObject({
      status: 401,
      body: { error: expect.stringMatching(/missing X-Dealfit-Timestamp/) },
    });
    expect((await post(h, deal({}), { secret: 'wrong' })).status).toBe(401);
    const stale = await post(h, deal({}), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale).toMatchObject({
      status: 401,
      body: { error: expect.stringMatching(/more than 5 minutes/) },
    });
    expect(count()).toBe(before);
  });

  it('answers 400 with the validation errors for a bad body and stores nothing', async () => {
    const { h, db } = await setup();
    const notJson = await post(h, '{"deal_id": ');
    expect(notJson).toMatchObject({
      status: 400,
      body: { details: [expect.stringMatching(/not JSON/)] },
    });
    const missing = await post(h, JSON.stringify({ deal_id: 'DW0002', colour: 'red' }));
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unknown field "colour"/),
        'created_date: required',
      ]),
    );
    const badAmount = await post(h, deal({ deal_id: 'DW0003', deal_amount: 'lots' }));
    expect(badAmount.status).toBe(400);
    expect(JSON.stringify(badAmount.body.details)).toMatch(/deal_amount/);
    expect(db.$client.prepare("select count(*) from deals where id like 'DW%'").pluck().get()).toBe(
      0,
    );
  });
});
