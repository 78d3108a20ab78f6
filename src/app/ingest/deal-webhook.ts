/**
 * POST /hooks/deals: the CRM tells dealfit a deal was created or re-assigned. The request
 * is signed like Slack's (X-Dealfit-Timestamp, X-Dealfit-Signature); the body is one JSON
 * object with the canonical CSV field names. A bad signature or a stale timestamp gets
 * 401, a bad body 400 with the validation errors and nothing stored; a good one is upserted
 * through the ingestion pipeline, scored against the last metrics run's fit index and, if
 * RED, gets a co-lead card in the managers' channel before the response goes out.
 */

import type { Db } from '../../adapters/storage/database.js';
import { readDataAsOf } from '../../adapters/storage/status-queries.js';
import { verifySignature } from '../../adapters/webhook/signature.js';
import type { ColeadScoring, DealFit, ProposeResult } from '../colead/colead-types.js';
import {
  CANONICAL_FIELDS,
  type CanonicalField,
  type IngestOptions,
  type IngestSummary,
} from '../ports/ingest-source.js';
import { createRowValidator } from './row-validation.js';

export interface WebhookDeps {
  db: Db;
  secret: string;
  now: () => Date;
  ingest: (db: Db, options: IngestOptions) => Promise<IngestSummary>;
  scoring: Pick<ColeadScoring, 'dealFit'>;
  propose: (dealId: string, fit: DealFit) => Promise<ProposeResult>;
}

export interface WebhookRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
}

export interface WebhookResponse {
  status: number;
  body: Record<string, unknown>;
}

const MAX_BODY = 64 * 1024;
/** The issue's webhook contract: everything but the close facts, which an open deal lacks. */
const OPTIONAL: ReadonlySet<CanonicalField> = new Set([
  'closed_date',
  'sales_cycle_days',
  'outcome',
]);
const REQUIRED: CanonicalField[] = CANONICAL_FIELDS.filter((f) => !OPTIONAL.has(f));

/** The body as canonical text fields, or the problems with it. */
export function parseWebhookBody(
  rawBody: string,
): { ok: true; fields: Partial<Record<CanonicalField, string>> } | { ok: false; errors: string[] } {
  if (rawBody.length > MAX_BODY)
    return { ok: false, errors: [`body is larger than ${MAX_BODY} bytes`] };
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (error) {
    return { ok: false, errors: [`body is not JSON: ${(error as Error).message}`] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errors: ['body must be one JSON object with the canonical deal fields'] };
  }
  const body = json as Record<string, unknown>;
  const errors: string[] = [];
  const unknown = Object.keys(body).filter(
    (k) => !(CANONICAL_FIELDS as readonly string[]).includes(k),
  );
  if (unknown.length > 0) {
    errors.push(
      `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (expected ${CANONICAL_FIELDS.join(', ')})`,
    );
  }
  const fields: Partial<Record<CanonicalField, string>> = {};
  for (const name of CANONICAL_FIELDS) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' && typeof value !== 'number') {
      errors.push(
        `${name}: must be a string or a number, got ${Array.isArray(value) ? 'an array' : typeof value}`,
      );
      continue;
    }
    fields[name] = String(value);
  }
  for (const name of REQUIRED) {
    if ((fields[name] ?? '').trim() === '') errors.push(`${name}: required`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, fields };
}

export function createDealWebhook(deps: WebhookDeps) {
  const validate = createRowValidator();
  return async function handle(req: WebhookRequest): Promise<WebhookResponse> {
    const nowSeconds = Math.floor(deps.now().getTime() / 1000);
    const check = verifySignature(
      deps.secret,
      { timestamp: req.timestamp, signature: req.signature },
      req.rawBody,
      nowSeconds,
    );
    if (!check.ok) return { status: 401, body: { error: `unauthorized: ${check.reason}` } };
    const parsed = parseWebhookBody(req.rawBody);
    if (!parsed.ok) return { status: 400, body: { error: 'invalid deal', details: parsed.errors } };
    const stored = deps.db.$client
      .prepare('SELECT rep_id AS repId FROM deals WHERE id = ?')
      .get(parsed.fields.deal_id?.trim()) as { repId: string } | undefined;
    // "data as of" never moves backwards, and a deal created later moves it forward
    const current = readDataAsOf(deps.db);
    const created = parsed.fields.created_date?.trim() ?? '';
    const closed = parsed.fields.closed_date?.trim() ?? '';
    const asOf = [current ?? '', created, closed].sort().at(-1) as string;
    // A new owner on a known deal is a re-assignment: RSFS counts from that day (metrics.md t).
    const reassigned = stored !== undefined && stored.repId !== parsed.fields.sales_rep_id?.trim();
    const record = {
      fields: parsed.fields,
      raw: req.rawBody,
      ...(reassigned ? { assignedDate: asOf } : {}),
    };
    const valid = validate(record);
    if (!valid.ok) return { status: 400, body: { error: 'invalid deal', details: valid.reasons } };
    const dealId = valid.deal.id;
    const summary = await deps.ingest(deps.db, {
      source: 'webhook',
      target: '/hooks/deals',
      batches: (async function* () {
        yield { records: [record] };
      })(),
      asOf,
      now: deps.now,
    });
    if (summary.status === 'failed') {
      return {
        status: 500,
        body: { error: `could not store the deal: ${summary.error ?? 'unknown error'}` },
      };
    }
    if (summary.quarantined > 0) {
      return {
        status: 400,
        body: {
          error: 'invalid deal',
          details: ['rejected by the ingestion pipeline; see `dealfit status` quarantine'],
        },
      };
    }
    const change = summary.inserted ? 'inserted' : summary.updated ? 'updated' : 'unchanged';
    const fit = await deps.scoring.dealFit(dealId);
    if (!fit)
      return {
        status: 200,
        body: { dealId, change, flag: null, reason: 'the deal is closed: nothing to score' },
      };
    const { report } = fit;
    const result = {
      dealId,
      change,
      reassigned,
      flag: report.flag,
      rsfs: report.rsfs,
      percentile: report.percentile,
    };
    if (report.flag !== 'RED') return { status: 200, body: { ...result, colead: null } };
    const proposal = await deps.propose(dealId, fit);
    return {
      status: 200,
      body: {
        ...result,
        colead:
          proposal.status === 'proposed'
            ? {
                assignmentId: proposal.assignmentId,
                coleadRepId: proposal.coleadRepId,
                card: proposal.posted,
                reason: proposal.reason,
              }
            : { skipped: proposal.reason },
      },
    };
  };
}
