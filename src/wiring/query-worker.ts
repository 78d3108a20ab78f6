/**
 * Entry point of the query thread (see query-thread.ts): opens its own connection to the
 * database file, answers metric queries, renders charts and runs the jobs' computation
 * (job-compute.ts: the metrics run, the driver refit, deal scoring), so neither a 300 ms
 * query, a synchronous resvg render nor a metrics run of seconds ever stalls the main event
 * loop, where Slack's acks are sent.
 * It is this thread's composition root: it builds the storage and chart adapters it uses.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createChartRenderer } from '../adapters/charts/render.js';
import { openDatabase } from '../adapters/storage/database.js';
import { createSqliteStore } from '../adapters/storage/sqlite-store.js';
import { computeInThisThread } from '../app/jobs/job-compute.js';
import type { ChartRenderer } from '../app/ports/messenger.js';
import { queryAudit, queryRsfs, queryWinRate } from '../app/queries/metric-queries.js';

export interface QueryRequest {
  id: number;
  kind:
    | 'winRate'
    | 'rsfs'
    | 'audit'
    | 'chart'
    | 'metricsRun'
    | 'driversRun'
    | 'currentFigures'
    | 'dealFit';
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
  const compute = computeInThisThread(createSqliteStore(db));
  const answer = async (kind: QueryRequest['kind'], a: never, b: never): Promise<unknown> => {
    switch (kind) {
      case 'winRate':
        return queryWinRate(db, a);
      case 'rsfs':
        return queryRsfs(db, a, b);
      case 'audit':
        return queryAudit(db, a);
      case 'chart':
        return charts[a as keyof ChartRenderer](b);
      case 'metricsRun':
        return compute.metricsRun(a);
      case 'driversRun':
        return compute.driversRun(a);
      case 'currentFigures':
        return compute.currentFigures();
      case 'dealFit':
        return compute.dealFit(a);
    }
  };
  port.on('message', async (req: QueryRequest) => {
    try {
      const [a, b] = req.args as [never, never];
      const result = await answer(req.kind, a, b);
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
