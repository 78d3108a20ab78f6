/**
 * Entry point of the query thread (see query-thread.ts): opens its own connection to the
 * database file and serves the registry's queries, the charts and the jobs' computation
 * (job-compute.ts: the metrics run, the driver refit, deal scoring), so neither a 300 ms
 * query, a synchronous resvg render nor a metrics run of seconds ever stalls the main event
 * loop, where Slack's acks are sent.
 * It is this thread's composition root: it builds the storage and chart adapters it uses.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createChartRenderer } from '../adapters/charts/render.js';
import { computeInThisThread, type JobCompute } from '../app/jobs/job-compute.js';
import type { ChartRenderer } from '../app/ports/messenger.js';
import type { QueryRunner } from '../app/ports/query-runner.js';
import { queriesInThisThread } from '../app/queries/queries-in-this-thread.js';
import { openThreadStore, type ThreadTarget } from './open-store.js';
import { serveThread } from './thread-rpc.js';

/** The jobs' computation that runs in a thread (the RED list is one indexed read, kept home). */
export type ThreadCompute = Omit<JobCompute, 'redOpenDeals'>;

/** What a query thread serves, by service name. */
export interface ThreadServices {
  queries: QueryRunner;
  charts: ChartRenderer;
  compute: ThreadCompute;
}

if (parentPort) {
  // the main thread migrated the store already; messages wait in the port meanwhile
  const store = await openThreadStore(workerData as ThreadTarget);
  serveThread<ThreadServices>(parentPort, {
    queries: queriesInThisThread(store),
    charts: createChartRenderer(),
    compute: computeInThisThread(store),
  });
}
