/**
 * Entry point of the query thread (see query-thread.ts): opens its own connection to the
 * database file and answers metric queries, so a 300 ms computation never stalls the main
 * event loop, where Slack's 3-second acks are sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../adapters/storage/database.js';
import { queryAudit, queryRsfs, queryWinRate } from './queries.js';

export interface QueryRequest {
  id: number;
  kind: 'winRate' | 'rsfs' | 'audit';
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
  port.on('message', (req: QueryRequest) => {
    try {
      const [a, b] = req.args as [never, never];
      const result =
        req.kind === 'winRate'
          ? queryWinRate(db, a)
          : req.kind === 'rsfs'
            ? queryRsfs(db, a, b)
            : queryAudit(db, a);
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
