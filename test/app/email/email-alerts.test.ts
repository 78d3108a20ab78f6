/**
 * HIGH alerts by email with no Slack channel for them: the sweep posts nothing and tries
 * again at every sweep (post_failed keeps no key active), but the email goes once per
 * episode of the key. Through the real SMTP transport to a loopback SMTP server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildAlertEmail } from '../../../src/adapters/email/alert-email.js';
import { buildDigestEmail } from '../../../src/adapters/email/digest-email.js';
import { createSmtpMailer } from '../../../src/adapters/email/smtp-mailer.js';
import { createProactive } from '../../helpers/proactive-fixture.js';
import { createRecordingMessenger } from '../../helpers/recording-messenger.js';
import { type SmtpSink, startSmtpSink } from '../../helpers/smtp-sink.js';
import { createTestDb } from '../../helpers/test-db.js';

describe('HIGH alerts by email without a Slack channel', () => {
  const sinks: SmtpSink[] = [];
  afterEach(async () => {
    for (const s of sinks.splice(0)) await s.close();
  });

  it('emails an alert once while the sweep keeps retrying its post', async () => {
    const sink = await startSmtpSink();
    sinks.push(sink);
    const db = createTestDb();
    const messenger = createRecordingMessenger();
    const base = createProactive(db, messenger, () => new Date('2024-07-01T06:00:00Z'));
    const p = createProactive(db, messenger, () => new Date('2024-07-01T06:00:00Z'), {
      settings: { ...base.deps.settings, channels: { alerts: 'CALERTS' } }, // no ops channel
      email: {
        mailer: createSmtpMailer({ url: sink.url, from: 'dealfit@example.com' }),
        render: { digest: buildDigestEmail, alert: buildAlertEmail },
        digestTo: [],
        alertTo: ['ops@example.com', 'cto@example.com'],
      },
    });
    await p.jobFailed('metrics', new Error('disk full'));
    await p.jobFailed('metrics', new Error('disk full'));
    await p.jobFailed('metrics', new Error('disk full'));
    const statuses = (await p.deps.store.alerts.list(10)).map((a) => a.status);
    expect(statuses).toEqual(['post_failed', 'post_failed', 'post_failed']);
    expect(messenger.calls).toEqual([]);
    expect(sink.received.map((m) => m.to)).toEqual([['ops@example.com'], ['cto@example.com']]);
    expect(sink.received[0]?.parsed.subject).toBe('[dealfit] HIGH: Job metrics failed');
  });
});
