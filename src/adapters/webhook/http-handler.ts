/**
 * The node HTTP side of POST /hooks/deals: reads the raw body (the signature covers the
 * exact bytes), hands it with the signing headers to the app's handler and writes its JSON
 * answer. Served on the same port as Slack's requests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HookRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
}

export type HookHandler = (
  req: HookRequest,
) => Promise<{ status: number; body: Record<string, unknown> }>;

const LIMIT = 256 * 1024;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function createHookHttpHandler(handle: HookHandler, log?: (line: string) => void) {
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
        if (size > LIMIT) return send(413, { error: `body larger than ${LIMIT} bytes` });
        chunks.push(chunk as Buffer);
      }
      const answer = await handle({
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
