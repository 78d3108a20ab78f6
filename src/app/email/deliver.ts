/**
 * One email to each recipient, once: the row (kind, slot, recipient) is claimed in the
 * email log before the message goes out, so a restart, a second instance or a re-run of the
 * job never sends it twice (a crash mid-send leaves it 'sending', and it is not sent again:
 * a missed email is better than a repeated one). A temporary failure (SMTP 4xx, no
 * connection) is tried again after each delay; a permanent one (5xx) is not.
 */
import type { EmailKind } from '../ports/email-log.js';
import type { EmailContent, Mailer } from '../ports/mailer.js';
import type { Store } from '../ports/store.js';

/** Waits before the 2nd, 3rd and 4th attempt after a temporary failure. */
export const RETRY_DELAYS_MS = [2_000, 10_000, 30_000] as const;

export interface EmailDeliveryDeps {
  mailer: Mailer;
  store: Pick<Store, 'emails'>;
  now: () => Date;
  /** default RETRY_DELAYS_MS */
  retryDelaysMs?: readonly number[];
  log?: (line: string) => void;
}

export interface Delivery {
  recipient: string;
  /** 'already': sent (or being sent) before, by this or another instance */
  outcome: 'sent' | 'already' | 'failed';
  attempts: number;
  error?: string;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function deliverOnce(
  deps: EmailDeliveryDeps,
  kind: EmailKind,
  slot: string,
  recipients: readonly string[],
  content: EmailContent,
): Promise<Delivery[]> {
  const delays = deps.retryDelaysMs ?? RETRY_DELAYS_MS;
  const out: Delivery[] = [];
  for (const recipient of recipients) {
    const key = { kind, slot, recipient };
    if (!(await deps.store.emails.claim(key, deps.now()))) {
      out.push({ recipient, outcome: 'already', attempts: 0 });
      continue;
    }
    let attempts = 0;
    for (;;) {
      attempts++;
      const result = await deps.mailer
        .send({ ...content, to: recipient })
        .catch((error: Error) => ({ status: 'temporary' as const, error: error.message }));
      if (result.status === 'sent') {
        await deps.store.emails.finish(key, result, attempts, deps.now());
        out.push({ recipient, outcome: 'sent', attempts });
        break;
      }
      const delay = delays[attempts - 1];
      if (result.status === 'temporary' && delay !== undefined) {
        deps.log?.(
          `${kind} email ${slot} to ${recipient}: ${result.error}; retrying in ${delay} ms`,
        );
        await wait(delay);
        continue;
      }
      const error =
        result.status === 'temporary'
          ? `${result.error} (still failing after ${attempts} attempts)`
          : result.error;
      await deps.store.emails.finish(key, { status: 'failed', error }, attempts, deps.now());
      deps.log?.(`${kind} email ${slot} to ${recipient} failed: ${error}`);
      out.push({ recipient, outcome: 'failed', attempts, error });
      break;
    }
  }
  return out;
}

/** "email: 2 sent, 1 already sent, 1 failed" for the job run log. */
export function deliveryText(deliveries: Delivery[]): string {
  if (deliveries.length === 0) return 'email: no recipients';
  const count = (o: Delivery['outcome']) => deliveries.filter((d) => d.outcome === o).length;
  const parts = [
    [count('sent'), 'sent'],
    [count('already'), 'already sent'],
    [count('failed'), 'failed'],
  ] as const;
  return `email: ${parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ')}`;
}
