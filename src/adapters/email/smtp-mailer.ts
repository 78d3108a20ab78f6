/**
 * The Mailer port over SMTP (nodemailer): transport only. It sends what a renderer made,
 * one recipient a message, and says whether a failure is worth a retry: an SMTP 4xx reply
 * or a connection that failed is temporary, a 5xx reply (a refused sender, recipient or
 * login) permanent.
 */
import nodemailer from 'nodemailer';
import type { EmailMessage, Mailer, SendResult } from '../../app/ports/mailer.js';

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  /** the From header */
  from: string;
  /** per step (connect, greeting, each reply); default 15 s */
  timeoutMs?: number;
}

/** nodemailer's error: the SMTP reply code when the server answered, else a socket code. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Errors raised before or without an SMTP reply that a later try may not see. */
const TEMPORARY_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET']);

export function classify(error: SmtpError): Exclude<SendResult, { status: 'sent' }> {
  const reply = error.responseCode;
  const text = (error.response ?? error.message).trim();
  if (reply !== undefined) {
    return reply >= 400 && reply < 500
      ? { status: 'temporary', error: `SMTP ${reply}: ${text}` }
      : { status: 'permanent', error: `SMTP ${reply}: ${text}` };
  }
  const message = `${error.code ? `${error.code}: ` : ''}${error.message}`;
  return error.code === undefined || TEMPORARY_CODES.has(error.code)
    ? { status: 'temporary', error: message }
    : { status: 'permanent', error: message };
}

export function createSmtpMailer(o: SmtpMailerOptions): Mailer & { close(): void } {
  const timeout = o.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    url: o.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(message: EmailMessage): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from: o.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: (message.inline ?? []).map((i) => ({
            filename: i.filename,
            content: i.content,
            contentType: i.contentType,
            cid: i.cid,
            contentDisposition: 'inline' as const,
          })),
        });
        return { status: 'sent', messageId: String(info.messageId) };
      } catch (error) {
        return classify(error as SmtpError);
      }
    },
    close: () => transport.close(),
  };
}
