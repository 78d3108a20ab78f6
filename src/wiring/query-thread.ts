/**
 * Runs the metric queries in a worker thread with its own read connection. The metric
 * engine is synchronous and CPU-bound (hundreds of ms on a cold cache); on the main thread
 * it would hold back every other request's ack. Errors come back with their name, so a
 * RangeError stays a RangeError and DealNotFoundError keeps its similar ids.
 */
import { Worker } from 'node:worker_threads';
import type { QueryReply, QueryRequest } from './query-worker.js';

export function rebuildError(e: Extract<QueryReply, { ok: false }>['error']): Error {
  const error = e.name === 'RangeError' ? new RangeError(e.message) : new Error(e.message);
  if (e.name !== 'RangeError') error.name = e.name;
  return Object.assign(
    error,
    e.similar ? { similar: e.similar } : {},
    e.dealId ? { dealId: e.dealId } : {},
  );
}

export class QueryThread {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private seq = 0;
  /** set once the thread has died: later calls fail at once instead of waiting forever */
  private dead: Error | undefined;

  constructor(dbPath: string) {
    // Under tsx (npm start, tests) the worker starts from a small .mjs that registers
    // tsx's loader; from a `tsc` build it runs the compiled .js.
    const ts = import.meta.url.endsWith('.ts');
    this.worker = new Worker(
      new URL(ts ? './query-worker-entry.mjs' : './query-worker.js', import.meta.url),
      { workerData: { dbPath } },
    );
    this.worker.unref();
    this.worker.on('message', (reply: QueryReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(rebuildError(reply.error));
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) =>
      this.failAll(new Error(`query thread exited with code ${code}`)),
    );
  }

  call<T>(kind: QueryRequest['kind'], ...args: unknown[]): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      if (this.dead) {
        reject(this.dead);
        return;
      }
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, kind, args } satisfies QueryRequest);
    });
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
