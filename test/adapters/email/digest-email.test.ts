/**
 * The digest email against the Slack digest built from the same input: every line Slack
 * shows (its mrkdwn taken off) is in the text part and, escaped, in the HTML; CRM text
 * cannot become markup; the chart is referenced by the cid it is carried under.
 */
import { describe, expect, it } from 'vitest';
import { buildAlertEmail } from '../../../src/adapters/email/alert-email.js';
import { buildDigestEmail } from '../../../src/adapters/email/digest-email.js';
import { html } from '../../../src/adapters/email/html.js';
import { buildWeeklyDigest } from '../../../src/adapters/slack/blocks/weekly-digest.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { buildDigestInput } from '../../../src/app/alerts/digest.js';
import { runDriverModel } from '../../../src/app/jobs/drivers-run.js';
import { computeInThisThread } from '../../../src/app/jobs/job-compute.js';
import { runMetrics } from '../../../src/app/jobs/metrics-run.js';
import type { InlineImage } from '../../../src/app/ports/mailer.js';
import { jobFailedAlert } from '../../../src/domain/alert-rules.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { createTestDb } from '../../helpers/test-db.js';

const CHART: InlineImage = {
  cid: 'win-rate-trend@dealfit',
  filename: 'win-rate-trend-2024-07-01.png',
  contentType: 'image/png',
  content: Buffer.from('not really a png'),
};

/** The lines a reader sees in the Slack digest, without Slack's markup. */
function slackLines(blocks: unknown[]): string[] {
  const texts: string[] = [];
  for (const b of blocks as Array<Record<string, unknown>>) {
    const fields = (b.fields as Array<{ text: string }> | undefined) ?? [];
    const elements = (b.elements as Array<{ text: string }> | undefined) ?? [];
    const text = (b.text as { text?: string } | undefined)?.text;
    for (const t of [text, ...fields.map((f) => f.text), ...elements.map((e) => e.text)]) {
      if (t) texts.push(t);
    }
  }
  return texts
    .flatMap((t) => t.split('\n'))
    .map((l) =>
      l
        .replace(/^> /, '')
        .replace(/^• /, '')
        .replace(/\*/g, '')
        .replace(/<@(\w+)>/g, '$1')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .trim(),
    )
    .filter((l) => l !== '');
}

describe('digest email', () => {
  it('says every line of the Slack digest, in the text part and in the HTML', async () => {
    const db = createTestDb();
    const store = createSqliteStore(db);
    insertDemoDeals(db, { deals: 3000 });
    const now = () => new Date('2024-07-01T06:00:00Z');
    await runMetrics(store, { asOf: '2024-06-23', now });
    await runMetrics(store, { asOf: '2024-06-30', now });
    await runDriverModel(store, { asOf: '2024-06-23', now });
    await runDriverModel(store, { asOf: '2024-06-30', now });
    const figures = await computeInThisThread(store).currentFigures();
    const { input } = await buildDigestInput(store, '2024-07-01', figures);
    input.foldedAlerts = ['MEDIUM: Negative momentum: industry <script>alert(1)</script> & Co'];
    input.snoozedAlerts = [
      {
        severity: 'HIGH',
        title: 'Win rate below threshold',
        userId: 'U0ALICE',
        until: '2024-07-07T06:00:00.000Z',
      },
    ];
    const slack = buildWeeklyDigest(input);
    const email = buildDigestEmail(input, CHART);
    expect(email.subject).toBe(slack.text);
    const lines = slackLines(slack.blocks)
      // Slack's own: the week line, its sparkline and its code-formatted command
      .filter((l) => !l.startsWith('week of') && !l.startsWith('Trend') && !l.includes('`'));
    expect(lines.length).toBeGreaterThan(15);
    expect(lines.some((l) => l.startsWith('Validation AUC on'))).toBe(true);
    // the same words, whatever the layout: headings, numbering and separators aside
    const words = (t: string) =>
      t
        .replace(/[():=-]/g, ' ')
        .replace(/(^|\s)\d\.\s/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const text = words(email.text);
    const htmlText = words(email.html.replace(/<[^>]+>/g, ' '));
    for (const line of lines) {
      expect(text, line).toContain(words(line));
      expect(htmlText, line).toContain(words(html(line)));
    }
    // CRM text stays text
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(email.text).toContain('<script>alert(1)</script> & Co');
    // the chart, by the cid it travels under
    expect(email.inline).toEqual([CHART]);
    expect(email.html).toContain('<img src="cid:win-rate-trend@dealfit"');
    for (const part of [email.html, email.text]) {
      expect(part).toContain(`data as of ${input.winRate.asOf}`);
      expect(part).toContain('DEALFIT_DIGEST_EMAILS');
    }
  });

  it('goes without the image when there is no chart', async () => {
    const db = createTestDb();
    const store = createSqliteStore(db);
    insertDemoDeals(db, { deals: 1500 });
    await runMetrics(store, { now: () => new Date('2024-07-01T06:00:00Z') });
    const figures = await computeInThisThread(store).currentFigures();
    const email = buildDigestEmail(
      (await buildDigestInput(store, '2024-07-01', figures)).input,
      null,
    );
    expect(email.inline).toBeUndefined();
    expect(email.html).not.toContain('cid:');
  });

  it('writes a HIGH alert with its sentences, what to look at and how to stop it', () => {
    const alert = jobFailedAlert('sync', 'Salesforce said <no>');
    const email = buildAlertEmail(alert, { asOf: '2024-06-30', at: '2024-07-01T06:05:00.000Z' });
    expect(email.subject).toBe('[dealfit] HIGH: Job sync failed');
    expect(email.text).toContain('- Error: Salesforce said <no>');
    expect(email.html).toContain('Error: Salesforce said &lt;no&gt;');
    expect(email.text).toContain('raised 2024-07-01 06:05 UTC');
    expect(email.text).toContain('data as of 2024-06-30');
    expect(email.text).toContain('remove your address from DEALFIT_ALERT_EMAILS');
  });
});
