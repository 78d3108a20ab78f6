/**
 * A real SMTP server on a random loopback port (smtp-server) that keeps what it accepts,
 * parsed with mailparser, and can answer the next DATA commands with a failure reply (a
 * 451 to test the retry, a 554 to test a permanent failure).
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** the envelope's RCPT TO addresses */
  to: string[];
  from: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:port */
  url: string;
  received: ReceivedMail[];
  /** DATA commands answered (accepted or failed) */
  attempts: number;
  /** the next `times` messages get this reply instead of 250 */
  failNext(code: number, message: string, times?: number): void;
  /** resolves once `n` messages have been accepted */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const failures: Array<{ code: number; message: string }> = [];
  const sink = { attempts: 0 };
  const server = new SMTPServer({
    authOptional: true,
    // plain SMTP on loopback: no certificate to trust
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        sink.attempts++;
        const failure = failures.shift();
        if (failure) {
          callback(Object.assign(new Error(failure.message), { responseCode: failure.code }));
          return;
        }
        // keepCidLinks: the HTML as sent (mailparser would inline the image as a data: URL)
        simpleParser(Buffer.concat(chunks), { keepCidLinks: true }).then(
          (parsed) => {
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              parsed,
            });
            callback(null);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get attempts() {
      return sink.attempts;
    },
    failNext(code, message, times = 1) {
      for (let i = 0; i < times; i++) failures.push({ code, message });
    },
    async waitFor(n, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} emails, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
