/**
 * POST /hooks/deals, the use case: the CRM tells dealfit a deal was created or
 * re-assigned. The webhook adapter (adapters/webhook) has already checked the signature,
 * limited and parsed the body into canonical fields; here the deal is validated, upserted
 * through the ingestion pipeline, scored against the last metrics run's fit index and, if
 * RED, gets a co-lead card in the managers' channel before the answer goes out. The result
 * says what happened; the adapter turns it into the HTTP answer.
 */

import type { ColeadScoring, DealFit, ProposeResult } from '../colead/colead-types.js';
import type { DealDelivery, DealWebhookResult } from '../ports/deal-webhook.js';
import type { Store } from '../ports/store.js';
import { createRowValidator } from './row-validation.js';
import type { IngestFn } from './salesforce-sync.js';

export interface WebhookDeps {
  store: Pick<Store, 'deals' | 'ingest'>;
  now: () => Date;
  ingest: IngestFn;
  scoring: Pick<ColeadScoring, 'dealFit'>;
  propose: (dealId: string, fit: DealFit) => Promise<ProposeResult>;
}

export function createDealWebhook(deps: WebhookDeps) {
  const validate = createRowValidator();
  return async function receive({ fields, rawBody }: DealDelivery): Promise<DealWebhookResult> {
    const id = fields.deal_id?.trim();
    const storedRep = id ? await deps.store.ingest.storedRepId(id) : undefined;
    // "data as of" never moves backwards, and a deal created later moves it forward
    const current = await deps.store.deals.dataAsOf();
    const created = fields.created_date?.trim() ?? '';
    const closed = fields.closed_date?.trim() ?? '';
    const asOf = [current ?? '', created, closed].sort().at(-1) as string;
    // A new owner on a known deal is a re-assignment: RSFS counts from that day (metrics.md t).
    const reassigned = storedRep !== undefined && storedRep !== fields.sales_rep_id?.trim();
    const record = {
      fields,
      raw: rawBody,
      ...(reassigned ? { assignedDate: asOf } : {}),
    };
    const valid = validate(record);
    if (!valid.ok) return { status: 'invalid', errors: valid.reasons };
    const dealId = valid.deal.id;
    const summary = await deps.ingest(deps.store, {
      source: 'webhook',
      target: '/hooks/deals',
      batches: (async function* () {
        yield { records: [record] };
      })(),
      asOf,
      now: deps.now,
    });
    if (summary.status === 'failed') {
      return { status: 'failed', error: summary.error ?? 'unknown error' };
    }
    if (summary.quarantined > 0) {
      return {
        status: 'invalid',
        errors: ['rejected by the ingestion pipeline; see `dealfit status` quarantine'],
      };
    }
    const change = summary.inserted ? 'inserted' : summary.updated ? 'updated' : 'unchanged';
    const stored = { status: 'stored', dealId, change, reassigned } as const;
    const fit = await deps.scoring.dealFit(dealId);
    if (!fit) return { ...stored, fit: null };
    const { flag, rsfs, percentile } = fit.report;
    const scored = { ...stored, fit: { flag, rsfs, percentile } };
    if (flag !== 'RED') return { ...scored, colead: null };
    const proposal = await deps.propose(dealId, fit);
    return {
      ...scored,
      colead:
        proposal.status === 'proposed'
          ? {
              status: 'proposed',
              assignmentId: proposal.assignmentId,
              coleadRepId: proposal.coleadRepId,
              card: proposal.posted,
              reason: proposal.reason,
            }
          : { status: proposal.status, reason: proposal.reason },
    };
  };
}
