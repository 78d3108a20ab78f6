/**
 * `GET /metrics`: the Prometheus text exposition, behind a bearer token when one is
 * configured (DEALFIT_METRICS_TOKEN). The token is compared in constant time; without one
 * configured the route is open, as Prometheus endpoints usually are inside a network.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface MetricsSource {
  scrape(): Promise<string>;
  contentType: string;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request carries `Authorization: Bearer <token>`. */
export function hasBearer(req: IncomingMessage, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  // hashing first gives equal lengths, which timingSafeEqual needs, without leaking the length
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

export function metricsHandler(metrics: MetricsSource, token?: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (token !== undefined && !hasBearer(req, token)) {
      res.writeHead(401, {
        'content-type': 'text/plain; charset=utf-8',
        'www-authenticate': 'Bearer realm="dealfit metrics"',
      });
      res.end('a bearer token is required (DEALFIT_METRICS_TOKEN)\n');
      return;
    }
    try {
      const body = await metrics.scrape();
      res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`metrics could not be read: ${(error as Error).message}\n`);
    }
  };
}
