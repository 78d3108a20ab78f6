/**
 * Entry point of the query thread (see query-thread.ts): opens its own connection to the
 * database file, answers metric queries and renders charts, so neither a 300 ms query nor
 * a synchronous resvg render ever stalls the main event loop, where Slack's acks are sent.
 * It is this thread's composition root: it builds the storage and chart adapters it uses.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createChartRenderer } from '../adapters/charts/render.js';
import { openDatabase } from '../adapters/storage/database.js';
import type { ChartRenderer } from './ports.js';
import { queryAudit, queryRsfs, queryWinRate } from './queries.js';

export interface QueryRequest {
  id: number;
  kind: 'winRate' | 'rsfs' | 'audit' | 'chart';
  args: unknown[];
}

export type QueryReply =
  | { id: number; ok: true; result: unknown }
  | {
      id: number;
      ok: false;
      error: { name: string; message: string; similar?: string[]; dealId?: string };
    };

if (parentPort) {
  const port = parentPort;
  const db = openDatabase((workerData as { dbPath: string }).dbPath);
  const charts = createChartRenderer();
  port.on('message', async (req: QueryRequest) => {
    try {
      const [a, b] = req.args as [never, never];
      const result =
        req.kind === 'winRate'
          ? queryWinRate(db, a)
          : req.kind === 'rsfs'
            ? queryRsfs(db, a, b)
            : req.kind === 'audit'
              ? queryAudit(db, a)
              : await charts[a as keyof ChartRenderer](b);
      port.postMessage({ id: req.id, ok: true, result } satisfies QueryReply);
    } catch (error) {
      const e = error as Error & { similar?: string[]; dealId?: string };
      port.postMessage({
        id: req.id,
        ok: false,
        error: { name: e.name, message: e.message, similar: e.similar, dealId: e.dealId },
      } satisfies QueryReply);
    }
  });
}
