/**
 * The digest and HIGH alerts by email, end to end: the real app (Bolt, the Slack emulator
 * as the Web API, the query and jobs threads on a database file) sends through a real SMTP
 * server on loopback, and what arrived is parsed: the parts, the inline chart, the
 * recipients, once per slot across a restart, a 4xx retried, a 5xx failed with the ops
 * alert.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/storage/database.js';
import { createJobs } from '../../../src/app/jobs/jobs.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { type Harness, startHarness } from '../../helpers/slack-harness.js';
import { type SmtpSink, startSmtpSink } from '../../helpers/smtp-sink.js';
import { createTempDbPath } from '../../helpers/test-db.js';

const ALERTS = 'C0ALERTS';
const OPS = 'C0OPS';
const NOW = new Date('2024-07-01T12:30:00Z');
/** the digest's Monday 08:00 slot (DEALFIT_TIMEZONE is UTC here) */
const SLOT = {
  period: '2024-07-01T08:00:00.000Z',
  scheduledAt: new Date('2024-07-01T08:00:00Z'),
  dryRun: false,
};

describe('the digest and HIGH alerts by email (real app, real SMTP server on loopback)', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function sinkAndFile(): Promise<{ sink: SmtpSink; path: string }> {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const db = openDatabase(tmp.path);
    insertDemoDeals(db, { deals: 1500 });
    db.$client.close();
    return { sink, path: tmp.path };
  }

  /** one running instance of dealfit on the database file */
  async function instance(
    path: string,
    sink: SmtpSink,
    env: Record<string, string> = {},
  ): Promise<Harness & { runDigest(): Promise<string | undefined> }> {
    const h = await startHarness({
      db: openDatabase(path),
      now: () => NOW,
      channels: [
        { id: ALERTS, name: 'revenue-alerts' },
        { id: OPS, name: 'revenue-ops' },
      ],
      env: {
        DEALFIT_ALERTS_CHANNEL: ALERTS,
        DEALFIT_OPS_CHANNEL: OPS,
        DEALFIT_SMTP_URL: sink.url,
        DEALFIT_EMAIL_FROM: 'dealfit <dealfit@example.com>',
        DEALFIT_DIGEST_EMAILS: 'cro@example.com, vp@example.com',
        DEALFIT_ALERT_EMAILS: 'ops@example.com',
        ...env,
      },
      emailRetryDelaysMs: [10, 20, 40],
    });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await h.close();
    };
    cleanups.push(close);
    const digest = createJobs(h.app.proactive).find((j) => j.name === 'digest')!;
    const runDigest = async () => {
      const result = await digest.run(SLOT);
      // the store has deals: the digest runs, it is never skipped here
      if (typeof result === 'object') throw new Error(`digest skipped: ${result.skipped}`);
      return result;
    };
    return { ...h, close, runDigest };
  }

  it('sends the digest to each address once, with the Slack figures, the chart inline, "data as of" and the unsubscribe note; a restart sends nothing again', async () => {
    const { sink, path } = await sinkAndFile();
    const first = await instance(path, sink);
    expect(await first.runDigest()).toMatch(/posted .*chart posted.*; email: 2 sent$/);
    const mails = await sink.waitFor(2);
    expect(mails.map((m) => m.to)).toEqual([['cro@example.com'], ['vp@example.com']]);
    const slack = first.fake.topLevelIn(ALERTS).find((m) => m.text.startsWith('Weekly digest'))!;
    for (const { parsed } of mails) {
      expect(parsed.from?.value).toEqual([{ name: 'dealfit', address: 'dealfit@example.com' }]);
      // the same one-line summary as Slack's notification text
      expect(parsed.subject).toBe(slack.text);
      const html = String(parsed.html);
      const text = parsed.text ?? '';
      // the overall rate with n and its interval, as the Slack digest shows it
      const rate = text.match(/\d+\.\d% \(n = \d+, 95% CI [\d.]+%–[\d.]+%\)/)?.[0];
      expect(rate).toBeDefined();
      expect(JSON.stringify(slack.blocks)).toContain(rate);
      expect(html).toContain(rate);
      for (const part of [html, text]) {
        expect(part).toContain('Top 3 things to know');
        expect(part).toMatch(/open deals? flagged RED/);
        expect(part).toMatch(/data as of 2024-\d\d-\d\d · rates carry n and 95% Wilson intervals/);
        expect(part).toContain('your address is in DEALFIT_DIGEST_EMAILS');
      }
      // the trend chart: referenced from the HTML by its cid, carried inline as a PNG
      expect(html).toContain('src="cid:win-rate-trend@dealfit"');
      expect(parsed.attachments).toHaveLength(1);
      const chart = parsed.attachments[0]!;
      expect(chart).toMatchObject({
        cid: 'win-rate-trend@dealfit',
        contentType: 'image/png',
        contentDisposition: 'inline',
        related: true,
      });
      expect(chart.content.subarray(1, 4).toString('ascii')).toBe('PNG');
    }
    const rows = await first.app.proactive.deps.store.emails.recent(10);
    expect(rows.map((r) => [r.kind, r.slot, r.recipient, r.status, r.attempts])).toEqual([
      ['digest', '2024-07-01', 'vp@example.com', 'sent', 1],
      ['digest', '2024-07-01', 'cro@example.com', 'sent', 1],
    ]);
    await first.close();

    // a second instance on the same file runs the same slot again (as "Run now" would):
    // Slack gets its post, the inboxes get nothing more
    const second = await instance(path, sink);
    expect(await second.runDigest()).toMatch(/email: 2 already sent$/);
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.received).toHaveLength(2);
    expect(sink.attempts).toBe(2);
  });

  it('retries a temporary (4xx) SMTP failure and then delivers once', async () => {
    const { sink, path } = await sinkAndFile();
    const h = await instance(path, sink, { DEALFIT_DIGEST_EMAILS: 'cro@example.com' });
    sink.failNext(451, 'Greylisted, try again shortly', 2);
    expect(await h.runDigest()).toMatch(/email: 1 sent$/);
    expect(sink.attempts).toBe(3);
    expect(sink.received.map((m) => m.to)).toEqual([['cro@example.com']]);
    const [row] = await h.app.proactive.deps.store.emails.recent(1);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, error: null });
    expect(h.logs.some((l) => /SMTP 451: .*Greylisted.*retrying in 10 ms/.test(l.text))).toBe(true);
    expect(h.fake.topLevelIn(OPS)).toHaveLength(0);
  });

  it('logs a permanent (5xx) failure as failed and raises the ops alert, without emailing that alert', async () => {
    const { sink, path } = await sinkAndFile();
    const h = await instance(path, sink);
    sink.failNext(554, 'Message rejected: policy');
    expect(await h.runDigest()).toMatch(/email: 1 sent, 1 failed$/);
    // one try only: a 5xx is not retried
    expect(sink.attempts).toBe(2);
    expect(sink.received.map((m) => m.to)).toEqual([['vp@example.com']]);
    const rows = await h.app.proactive.deps.store.emails.recent(10);
    expect(rows.find((r) => r.recipient === 'cro@example.com')).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: expect.stringMatching(/^SMTP 554: .*Message rejected: policy/),
    });
    const ops = h.fake.topLevelIn(OPS);
    expect(ops).toHaveLength(1);
    expect(ops[0]?.text).toContain('The digest email could not be sent');
    expect(JSON.stringify(ops[0]?.blocks)).toContain('cro@example.com: SMTP 554');
    const alert = (await h.app.proactive.deps.store.alerts.list(5)).find(
      (a) => a.key === 'email-failed:digest',
    );
    expect(alert).toMatchObject({ severity: 'HIGH', destination: 'ops', status: 'sent' });

    // `dealfit status` shows it
    expect((await h.app.store.database.status()).emails).toMatchObject({
      sent: 1,
      failed: 1,
      lastFailure: { kind: 'digest', slot: '2024-07-01', recipient: 'cro@example.com' },
    });

    // the next run retries only the address that failed, and that resolves the ops alert
    expect(await h.runDigest()).toMatch(/email: 1 sent, 1 already sent$/);
    expect(sink.received.map((m) => m.to)).toEqual([['vp@example.com'], ['cro@example.com']]);
    const history = await h.app.proactive.deps.store.alerts.history();
    expect(
      history.events.filter((e) => e.key === 'email-failed:digest').map((e) => e.kind),
    ).toContain('resolved');
    // the ops alert is about email: it never went to DEALFIT_ALERT_EMAILS
    expect(sink.received.some((m) => m.to.includes('ops@example.com'))).toBe(false);
  });

  it('emails a HIGH alert once per episode of its key: not while it stays active, again after it cleared', async () => {
    const { sink, path } = await sinkAndFile();
    const h = await instance(path, sink);
    const p = h.app.proactive;
    await p.jobFailed('sync', new Error('Salesforce: INVALID_SESSION_ID'));
    const [mail] = await sink.waitFor(1);
    expect(mail?.to).toEqual(['ops@example.com']);
    expect(mail?.parsed.subject).toBe('[dealfit] HIGH: Job sync failed');
    expect(mail?.parsed.text).toContain('Error: Salesforce: INVALID_SESSION_ID');
    expect(mail?.parsed.text).toContain('your address is in DEALFIT_ALERT_EMAILS');
    expect(String(mail?.parsed.html)).toContain('Job sync failed');
    // still failing: the sweep dedupes the key, and so does the email
    await p.jobFailed('sync', new Error('Salesforce: INVALID_SESSION_ID'));
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.received).toHaveLength(1);
    // it cleared, then failed again: a new episode, a new email
    await p.jobSucceeded('sync');
    await p.jobFailed('sync', new Error('Salesforce: REQUEST_LIMIT_EXCEEDED'));
    const mails = await sink.waitFor(2);
    expect(mails[1]?.parsed.text).toContain('REQUEST_LIMIT_EXCEEDED');
    expect(
      (await p.deps.store.emails.recent(5, 'alert')).map((r) => [r.slot.split('@')[0], r.status]),
    ).toEqual([
      ['job-failed:sync', 'sent'],
      ['job-failed:sync', 'sent'],
    ]);
  });
});
