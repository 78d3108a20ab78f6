/**
 * The SMTP transport against a real SMTP server on loopback: what it sends arrives as
 * HTML, text and an inline image, and a failure is sorted into temporary or permanent.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { classify, createSmtpMailer } from '../../../src/adapters/email/smtp-mailer.js';
import { type SmtpSink, startSmtpSink } from '../../helpers/smtp-sink.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('SMTP mailer', () => {
  const sinks: SmtpSink[] = [];
  afterEach(async () => {
    for (const s of sinks.splice(0)) await s.close();
  });
  async function sink() {
    const s = await startSmtpSink();
    sinks.push(s);
    return s;
  }

  it('sends one message to one recipient: HTML, text and the image inline by its cid', async () => {
    const s = await sink();
    const mailer = createSmtpMailer({ url: s.url, from: 'dealfit <dealfit@example.com>' });
    const result = await mailer.send({
      to: 'cro@example.com',
      subject: 'Weekly digest',
      html: '<p>Win rate</p><img src="cid:chart@dealfit">',
      text: 'Win rate',
      inline: [
        { cid: 'chart@dealfit', filename: 'chart.png', contentType: 'image/png', content: PNG },
      ],
    });
    expect(result).toMatchObject({ status: 'sent', messageId: expect.stringMatching(/^<.+>$/) });
    const [mail] = await s.waitFor(1);
    expect(mail?.to).toEqual(['cro@example.com']);
    expect(mail?.from).toBe('dealfit@example.com');
    expect(mail?.parsed.subject).toBe('Weekly digest');
    expect(mail?.parsed.text?.trim()).toBe('Win rate');
    expect(mail?.parsed.html).toContain('src="cid:chart@dealfit"');
    const [image] = mail?.parsed.attachments ?? [];
    expect(image).toMatchObject({
      cid: 'chart@dealfit',
      contentType: 'image/png',
      contentDisposition: 'inline',
      related: true,
    });
    expect(image?.content.equals(PNG)).toBe(true);
  });

  it('says a 4xx reply or a refused connection is temporary, a 5xx permanent', async () => {
    const s = await sink();
    const mailer = createSmtpMailer({ url: s.url, from: 'dealfit@example.com' });
    const message = { to: 'cro@example.com', subject: 's', html: '<p>x</p>', text: 'x' };
    s.failNext(451, 'Try again later');
    expect(await mailer.send(message)).toEqual({
      status: 'temporary',
      error: expect.stringMatching(/^SMTP 451: .*Try again later/),
    });
    s.failNext(554, 'Message rejected as spam');
    expect(await mailer.send(message)).toEqual({
      status: 'permanent',
      error: expect.stringMatching(/^SMTP 554: .*Message rejected as spam/),
    });
    expect(s.received).toHaveLength(0);
    // a port nobody listens on
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const offline = createSmtpMailer({
      url: `smtp://127.0.0.1:${port}`,
      from: 'dealfit@example.com',
    });
    expect(await offline.send(message)).toMatchObject({ status: 'temporary' });
  });

  it('classifies an error without a reply by its socket code', () => {
    expect(classify(Object.assign(new Error('no route'), { code: 'ETIMEDOUT' }))).toMatchObject({
      status: 'temporary',
    });
    expect(
      classify(Object.assign(new Error('Invalid login'), { code: 'EAUTH', responseCode: 535 })),
    ).toMatchObject({ status: 'permanent', error: expect.stringMatching(/^SMTP 535/) });
    expect(
      classify(Object.assign(new Error('No recipients'), { code: 'EENVELOPE' })),
    ).toMatchObject({
      status: 'permanent',
    });
  });
});
