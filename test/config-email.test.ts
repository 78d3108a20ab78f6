import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { configIssuesOf } from './helpers/config-issues.js';

describe('email configuration', () => {
  it('is off without DEALFIT_SMTP_URL', () => {
    expect(loadConfig({}).email).toBeUndefined();
  });

  it('reads the server, the sender and both lists without printing the password', () => {
    const config = loadConfig({
      DEALFIT_SMTP_URL: 'smtp://dealfit:s3cret@mail.example.com:587',
      DEALFIT_EMAIL_FROM: 'dealfit <dealfit@example.com>',
      DEALFIT_DIGEST_EMAILS: ' cro@example.com , vp@example.com',
      DEALFIT_ALERT_EMAILS: 'ops@example.com',
    });
    expect(config.email).toMatchObject({
      from: 'dealfit <dealfit@example.com>',
      digestTo: ['cro@example.com', 'vp@example.com'],
      alertTo: ['ops@example.com'],
    });
    expect(config.email?.smtpUrl.reveal()).toBe('smtp://dealfit:s3cret@mail.example.com:587');
    expect(JSON.stringify(config)).not.toContain('s3cret');
  });

  it('names each bad field on its own line, together with the other fields', () => {
    expect(
      configIssuesOf({
        DEALFIT_SMTP_URL: 'http://mail.example.com',
        DEALFIT_EMAIL_FROM: 'dealfit',
        DEALFIT_DIGEST_EMAILS: 'cro@example.com,not-an-address',
        DEALFIT_ALERT_EMAILS: '@ops',
        DEALFIT_ALERT_BUDGET: 'x',
      }),
    ).toEqual([
      expect.stringMatching(/^DEALFIT_ALERT_BUDGET: /),
      expect.stringMatching(/^DEALFIT_SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/),
      expect.stringMatching(/^DEALFIT_EMAIL_FROM: must be an address/),
      'DEALFIT_DIGEST_EMAILS: not an email address: not-an-address (expected a comma-separated list such as cro@example.com,vp@example.com)',
      expect.stringMatching(/^DEALFIT_ALERT_EMAILS: not an email address: @ops/),
    ]);
  });

  it('needs the server for recipients, and a sender for the server', () => {
    expect(configIssuesOf({ DEALFIT_DIGEST_EMAILS: 'cro@example.com' })).toEqual([
      'DEALFIT_SMTP_URL: required when DEALFIT_DIGEST_EMAILS is set',
    ]);
    expect(configIssuesOf({ DEALFIT_SMTP_URL: 'smtps://mail.example.com' })).toEqual([
      expect.stringMatching(/^DEALFIT_EMAIL_FROM: required when DEALFIT_SMTP_URL is set/),
    ]);
  });
});
