/**
 * What goes by email (issue #15): the weekly digest to DEALFIT_DIGEST_EMAILS, with its
 * trend chart inline, and each HIGH alert to DEALFIT_ALERT_EMAILS, once per episode of its
 * key (the sweep's dedupe: posted when it starts, silent while active, again only after it
 * cleared). The renderers (adapters/email/) make the content; deliverOnce sends it once.
 */
import type { AlertCandidate } from '../../domain/alert-rules.js';
import type { SweptAlert } from '../alerts/alert-sweep.js';
import type { DigestInput } from '../alerts/digest.js';
import type { EmailContent, InlineImage, Mailer } from '../ports/mailer.js';
import type { Png } from '../ports/messenger.js';
import type { Store } from '../ports/store.js';
import { type Delivery, deliverOnce, type EmailDeliveryDeps } from './deliver.js';

/** The `cid:` the digest's HTML shows its trend chart by. */
export const TREND_CHART_CID = 'win-rate-trend@dealfit';

export interface EmailRenderers {
  digest(input: DigestInput, chart: InlineImage | null): EmailContent;
  alert(alert: AlertCandidate, o: { asOf: string | null; at: string }): EmailContent;
}

/** Email as the proactive side is configured with it (null/absent: none). */
export interface ProactiveEmail {
  mailer: Mailer;
  render: EmailRenderers;
  digestTo: readonly string[];
  alertTo: readonly string[];
  retryDelaysMs?: readonly number[];
}

export type EmailDeps = ProactiveEmail & {
  store: Pick<Store, 'emails' | 'alerts'>;
  now: () => Date;
  log?: (line: string) => void;
};

function delivery(deps: EmailDeps): EmailDeliveryDeps {
  return {
    mailer: deps.mailer,
    store: deps.store,
    now: deps.now,
    ...(deps.retryDelaysMs ? { retryDelaysMs: deps.retryDelaysMs } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  };
}

/** The digest of the week of `weekOf` (its slot), the chart the Slack post used inline. */
export function emailDigest(
  deps: EmailDeps,
  weekOf: string,
  input: DigestInput,
  chart: Png | null,
): Promise<Delivery[]> {
  const inline: InlineImage | null = chart
    ? {
        cid: TREND_CHART_CID,
        filename: `win-rate-trend-${weekOf}.png`,
        contentType: 'image/png',
        content: chart.data,
      }
    : null;
  return deliverOnce(
    delivery(deps),
    'digest',
    weekOf,
    deps.digestTo,
    deps.render.digest(input, inline),
  );
}

/** The sweep's statuses that mean "this alert was to be posted": a new episode of its key. */
const POSTING = new Set(['sent', 'over_budget', 'post_failed']);

/**
 * Each HIGH alert the sweep decided to post, to DEALFIT_ALERT_EMAILS. Its slot is the key's
 * episode (since it last cleared), so a post that failed and is posted again on the next
 * sweep is not emailed twice. An email-failed alert is never emailed (it is about email).
 */
export async function emailHighAlerts(
  deps: EmailDeps,
  swept: readonly SweptAlert[],
): Promise<Delivery[]> {
  const out: Delivery[] = [];
  if (deps.alertTo.length === 0) return out;
  for (const a of swept) {
    if (a.severity !== 'HIGH' || a.id === null || !POSTING.has(a.status)) continue;
    const row = await deps.store.alerts.find(a.id);
    if (!row || row.type === 'email-failed') continue;
    const candidate = JSON.parse(row.payload) as AlertCandidate;
    const slot = `${a.key}@${(await deps.store.alerts.lastCleared(a.key)) ?? 'first'}`;
    const content = deps.render.alert(candidate, { asOf: row.asOf, at: row.createdAt });
    out.push(...(await deliverOnce(delivery(deps), 'alert', slot, deps.alertTo, content)));
  }
  return out;
}
