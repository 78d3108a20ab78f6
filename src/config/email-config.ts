/**
 * The email section of the configuration: the SMTP server, the sender, and who gets the
 * digest and the HIGH alerts. Each variable is checked with the other fields (one line per
 * bad field); the variables that only make sense together are checked on the raw values.
 */
import { z } from 'zod';
import { commaList, optionalText, Secret } from './env-values.js';

export interface EmailConfig {
  /** smtp://user:pass@host:port or smtps://… (it may hold a password: never printed) */
  smtpUrl: Secret;
  /** the From header, "dealfit <dealfit@example.com>" or a bare address */
  from: string;
  /** DEALFIT_DIGEST_EMAILS: one message each, every Monday */
  digestTo: string[];
  /** DEALFIT_ALERT_EMAILS: one message each per HIGH alert */
  alertTo: string[];
}

const address = z.email();

export const smtpUrl = optionalText.pipe(
  z
    .url({
      protocol: /^smtps?$/,
      error: 'must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587',
    })
    .optional(),
);

/** A bare address or `Name <address>`. */
export const sender = optionalText.pipe(
  z
    .string()
    .refine(
      (v) => address.safeParse(v.match(/^[^<>]*<([^<>]+)>$/)?.[1] ?? v).success,
      'must be an address such as dealfit@example.com or "dealfit <dealfit@example.com>"',
    )
    .optional(),
);

/** Comma-separated addresses; the bad ones are named. */
export const emailList = optionalText.transform(commaList).superRefine((list, ctx) => {
  const bad = list.filter((a) => !address.safeParse(a).success);
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `not an email address: ${bad.join(', ')} (expected a comma-separated list such as cro@example.com,vp@example.com)`,
    });
  }
});

/** The variables that need each other. */
export function emailIssues(source: Record<string, string | undefined>): string[] {
  const set = (name: string) => (source[name] ?? '').trim() !== '';
  const issues: string[] = [];
  if (set('DEALFIT_SMTP_URL') && !set('DEALFIT_EMAIL_FROM')) {
    issues.push(
      'DEALFIT_EMAIL_FROM: required when DEALFIT_SMTP_URL is set (the sender your mail server accepts)',
    );
  }
  const recipients = ['DEALFIT_DIGEST_EMAILS', 'DEALFIT_ALERT_EMAILS'].filter(set);
  if (recipients.length > 0 && !set('DEALFIT_SMTP_URL')) {
    issues.push(`DEALFIT_SMTP_URL: required when ${recipients.join(' or ')} is set`);
  }
  return issues;
}

export function readEmailConfig(e: {
  DEALFIT_SMTP_URL?: string | undefined;
  DEALFIT_EMAIL_FROM?: string | undefined;
  DEALFIT_DIGEST_EMAILS: string[];
  DEALFIT_ALERT_EMAILS: string[];
}): EmailConfig | undefined {
  if (!e.DEALFIT_SMTP_URL || !e.DEALFIT_EMAIL_FROM) return undefined;
  return {
    smtpUrl: new Secret(e.DEALFIT_SMTP_URL),
    from: e.DEALFIT_EMAIL_FROM,
    digestTo: e.DEALFIT_DIGEST_EMAILS,
    alertTo: e.DEALFIT_ALERT_EMAILS,
  };
}
