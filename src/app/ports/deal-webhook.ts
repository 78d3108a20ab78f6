/**
 * The contract between the webhook adapter (adapters/webhook: signature, body limit, JSON,
 * HTTP answers) and the use case behind POST /hooks/deals (app/ingest/deal-webhook.ts):
 * a verified delivery goes in, what happened to the deal comes out.
 */
import type { Flag } from '../../domain/fit-score.js';
import type { CanonicalField } from './ingest-source.js';

/** One verified delivery: its canonical fields, and the body as sent (for quarantine). */
export interface DealDelivery {
  fields: Partial<Record<CanonicalField, string>>;
  rawBody: string;
}

export type DealChange = 'inserted' | 'updated' | 'unchanged';

/** What the co-lead flow did with a RED deal. */
export type ColeadOutcome =
  | {
      status: 'proposed';
      assignmentId: number | null;
      coleadRepId: string | null;
      /** where the card was posted, or null */
      card: { channel: string; ts: string } | null;
      reason: string;
    }
  /** skipped (not RED, no industry, already proposed) or withheld (fit is weak evidence) */
  | { status: 'skipped' | 'withheld'; reason: string };

export type DealWebhookResult =
  /** the deal was rejected and nothing was stored */
  | { status: 'invalid'; errors: string[] }
  /** the store could not take it */
  | { status: 'failed'; error: string }
  /** stored; a closed deal is not scored */
  | { status: 'stored'; dealId: string; change: DealChange; reassigned: boolean; fit: null }
  | {
      status: 'stored';
      dealId: string;
      change: DealChange;
      reassigned: boolean;
      /** the deal's fit: its flag, RSFS and percentile in the reference set (0..100) */
      fit: { flag: Flag; rsfs: number; percentile: number };
      /** null when the deal is not RED */
      colead: ColeadOutcome | null;
    };

/** The use case, as the adapter calls it. */
export type ReceiveDeal = (delivery: DealDelivery) => Promise<DealWebhookResult>;
