/**
 * The HTTP side of POST /hooks/deals, served on the same port as Slack's requests: reads
 * the raw body up to MAX_BODY_BYTES (413 beyond), checks its signature (401), parses it
 * into canonical fields (400), hands them to the app's use case and answers with its result
 * as JSON (200, 400 or 500).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DealWebhookResult, ReceiveDeal } from '../../app/ports/deal-webhook.js';
import { parseWebhookBody } from './deal-body.js';
import { verifySignature } from './signature.js';

/** One deal is a few hundred bytes; a body this large is not a deal. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A delivery as it arrived: the signing headers and the exact bytes they sign. */
export interface HookRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
}

export interface HookAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface DealHookDeps {
  /** the shared signing secret */
  secret: string;
  now: () => Date;
  /** the use case (app/ingest/deal-webhook.ts) */
  receive: ReceiveDeal;
}

/** Verifies and parses one request, runs the use case and maps its result to HTTP. */
export async function answerHook(deps: DealHookDeps, req: HookRequest): Promise<HookAnswer> {
  const nowSeconds = Math.floor(deps.now().getTime() / 1000);
  const check = verifySignature(
    deps.secret,
    { timestamp: req.timestamp, signature: req.signature },
    req.rawBody,
    nowSeconds,
  );
  if (!check.ok) return { status: 401, body: { error: `unauthorized: ${check.reason}` } };
  const parsed = parseWebhookBody(req.rawBody);
  if (!parsed.ok) return invalid(parsed.errors);
  return toAnswer(await deps.receive({ fields: parsed.fields, rawBody: req.rawBody }));
}

const invalid = (details: string[]): HookAnswer => ({
  status: 400,
  body: { error: 'invalid deal', details },
});

function toAnswer(result: DealWebhookResult): HookAnswer {
  if (result.status === 'invalid') return invalid(result.errors);
  if (result.status === 'failed') {
    return { status: 500, body: { error: `could not store the deal: ${result.error}` } };
  }
  const { dealId, change, reassigned } = result;
  if (result.fit === null) {
    return {
      status: 200,
      body: { dealId, change, flag: null, reason: 'the deal is closed: nothing to score' },
    };
  }
  const { flag, rsfs, percentile } = result.fit;
  const colead = result.colead;
  return {
    status: 200,
    body: {
      dealId,
      change,
      reassigned,
      flag,
      rsfs,
      percentile,
      colead:
        colead === null
          ? null
          : colead.status === 'proposed'
            ? {
                assignmentId: colead.assignmentId,
                coleadRepId: colead.coleadRepId,
                card: colead.card,
                reason: colead.reason,
              }
            : { skipped: colead.reason },
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function createHookHttpHandler(deps: DealHookDeps, log?: (line: string) => void) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const send = (status: number, body: Record<string, unknown>) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY_BYTES) {
          return send(413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
        }
        chunks.push(chunk as Buffer);
      }
      const answer = await answerHook(deps, {
        timestamp: header(req, 'x-dealfit-timestamp'),
        signature: header(req, 'x-dealfit-signature'),
        rawBody: Buffer.concat(chunks).toString('utf8'),
      });
      send(answer.status, answer.body);
    } catch (error) {
      log?.(`POST /hooks/deals failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) send(500, { error: 'internal error; see the server log' });
    }
  };
}
