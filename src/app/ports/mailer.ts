/**
 * Sending an email, as the use cases need it: one rendered message to one recipient. The
 * SMTP adapter (adapters/email/) implements it; the wiring hands it in. What a failure
 * means for a retry is the adapter's to say (an SMTP 4xx reply or a lost connection is
 * temporary, a 5xx permanent), so the use case never reads SMTP codes.
 */

/** An image the HTML shows by `cid:` (the digest's trend chart). */
export interface InlineImage {
  cid: string;
  filename: string;
  contentType: 'image/png';
  content: Buffer;
}

/** What a renderer makes: the recipient is added per send. */
export interface EmailContent {
  subject: string;
  html: string;
  text: string;
  inline?: InlineImage[];
}

export interface EmailMessage extends EmailContent {
  to: string;
}

export type SendResult =
  | { status: 'sent'; messageId: string }
  /** worth trying again later: the server said 4xx, or could not be reached */
  | { status: 'temporary'; error: string }
  /** the server refused it for good (5xx): retrying the same message will not help */
  | { status: 'permanent'; error: string };

export interface Mailer {
  /** never throws: a failure comes back as temporary or permanent */
  send(message: EmailMessage): Promise<SendResult>;
}
