/**
 * Runs the queries, the charts and the jobs' computation in worker threads, each with its
 * own read connection. The metric queries are synchronous and CPU-bound (hundreds of ms on a
 * cold cache); on the main thread they would hold back every other request's ack. Calls go
 * through ThreadClient (thread-rpc.ts), typed by the services the worker serves.
 */
import { Worker } from 'node:worker_threads';
import type { ChartRenderer, Png } from '../app/ports/messenger.js';
import type { QueryResult, QueryRunner } from '../app/ports/query-runner.js';
import type { ThreadTarget } from './open-store.js';
import type { ThreadCompute, ThreadServices } from './query-worker.js';
import {
  type MethodArgs,
  type MethodName,
  type MethodResult,
  rebuildError,
  type ThreadClient,
  type ThreadReply,
} from './thread-rpc.js';

/** A worker thread running `module` (a file of this folder) that serves the services `T`. */
export class ServiceThread<T> {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private seq = 0;
  /** set once the thread has died: later calls fail at once instead of waiting forever */
  private dead: Error | undefined;

  /** `nice`: how much lower than the main thread it runs (Linux; see thread-rpc.ts) */
  constructor(
    module: 'query-worker' | 'http-worker',
    workerData: { nice?: number; [k: string]: unknown } = {},
  ) {
    // Under tsx (npm start, tests) the worker starts from a small .mjs that registers
    // tsx's loader and then imports `module`.ts; from a `tsc` build it runs the compiled .js.
    const ts = import.meta.url.endsWith('.ts');
    this.worker = new Worker(
      new URL(ts ? './worker-entry.mjs' : `./${module}.js`, import.meta.url),
      { workerData: { ...workerData, module } },
    );
    this.worker.unref();
    this.worker.on('message', (reply: ThreadReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(rebuildError(reply.error));
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) =>
      this.failAll(new Error(`${module} thread exited with code ${code}`)),
    );
  }

  /** The thread's service `service`, to call from this thread. */
  client<N extends keyof T>(service: N): ThreadClient<T[N]> {
    type S = T[N];
    return {
      call: <K extends MethodName<S>>(method: K, ...args: MethodArgs<S[K]>) =>
        new Promise<MethodResult<S[K]>>((resolve, reject) => {
          if (this.dead) {
            reject(this.dead);
            return;
          }
          const id = ++this.seq;
          // the reply to call `id` is the result of S[K]: what the worker's method returned
          this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
          // a ThreadCall<T>: `method` and `args` are checked against S above
          this.worker.postMessage({ id, service, method, args });
        }),
    };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    this.dead ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/**
 * The threads that work out and send answers run a little below the front door's (and the
 * main thread's): when the cores are busy, a new request's ack is scheduled first.
 */
export const ANSWER_NICE = 3;

/** A query thread: its own read connection to the SQLite file, or its own small pool. */
function queryThread(target: ThreadTarget, nice: number): ServiceThread<ThreadServices> {
  return new ServiceThread<ThreadServices>('query-worker', { ...target, nice });
}

/** The registry's queries, run in the thread behind `client`. */
export function queriesThere(client: ThreadClient<QueryRunner>): QueryRunner {
  return {
    // `run` is generic in the query name, which a method's Parameters/ReturnType cannot
    // carry: the worker runs the same registry, so the result is the one for `name`
    run: (name, input) => client.call('run', name, input) as Promise<QueryResult<typeof name>>,
  };
}

/** The charts, drawn in the thread behind `client`. */
export function chartsThere(client: ThreadClient<ChartRenderer>): ChartRenderer {
  // structured clone turns the PNG Buffer into a Uint8Array: make it a Buffer again
  const asBuffer = (png: Png): Png => ({
    ...png,
    data: Buffer.from(png.data.buffer, png.data.byteOffset, png.data.byteLength),
  });
  return {
    winRateBySegment: async (report) => asBuffer(await client.call('winRateBySegment', report)),
    winRateTrend: async (report) => asBuffer(await client.call('winRateTrend', report)),
    fitHeatmap: async (report) => asBuffer(await client.call('fitHeatmap', report)),
    questionChart: async (chart) => asBuffer(await client.call('questionChart', chart)),
  };
}

/** The jobs' computation, run in the thread behind `client`. */
export function computeThere(client: ThreadClient<ThreadCompute>): ThreadCompute {
  return {
    metricsRun: (now) => client.call('metricsRun', now),
    driversRun: (now) => client.call('driversRun', now),
    currentFigures: () => client.call('currentFigures'),
    audit: () => client.call('audit'),
    dealFit: (dealId) => client.call('dealFit', dealId),
  };
}

/** Queries, charts and the jobs' computation in worker threads (the running app). */
export interface QueryThreads {
  queries: QueryRunner;
  charts: ChartRenderer;
  compute: ThreadCompute;
  close(): Promise<void>;
}

/**
 * Two threads on the same worker code, each with its own connection: one answers questions
 * and draws charts, the other runs the jobs' computation and keeps the scoring context, so
 * a question asked during the 06:00 metrics run (11 s on 1M deals) is not queued behind it.
 */
export function inQueryThread(target: ThreadTarget): QueryThreads {
  // The jobs, which nobody waits for, run below the main thread (which acks) and the
  // questions. Niced questions and HTTP threads were measured too (bench:slack, load 5-13):
  // ack p50 halved, but under other processes' load their follow-ups starved (p50 x2).
  // with DATABASE_URL each thread opens a small pool of its own on the PostgreSQL store
  const questions = queryThread(target, ANSWER_NICE);
  const jobs = queryThread(target, 10);
  return {
    queries: queriesThere(questions.client('queries')),
    charts: chartsThere(questions.client('charts')),
    compute: computeThere(jobs.client('compute')),
    close: async () => {
      await Promise.all([questions.close(), jobs.close()]);
    },
  };
}
