/**
 * Calling a method of a service that lives in a worker thread, typed end to end: the
 * client side is a `ThreadClient<S>` whose `call(method, ...args)` takes exactly `S`'s
 * parameters and resolves to its awaited result; the worker side serves an object of
 * services by name. What crosses the thread is structured-cloned; errors cross as their
 * name, message and the fields users see, and are rebuilt by name, so a RangeError stays a
 * RangeError and a DealNotFoundError keeps its `dealId` and `similar` ids.
 */
import { getPriority, setPriority } from 'node:os';
import { isMainThread, type MessagePort, workerData } from 'node:worker_threads';
import { DealNotFoundError } from '../app/queries/metric-queries.js';

// biome-ignore lint/suspicious/noExplicitAny: the widest function type, for `extends` checks only
type AnyFunction = (...args: any[]) => unknown;

/** The names of `S`'s methods. */
export type MethodName<S> = {
  [K in keyof S]: S[K] extends AnyFunction ? K : never;
}[keyof S] &
  string;
export type MethodArgs<F> = F extends (...args: infer A) => unknown ? A : never;
export type MethodResult<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/** A service in another thread, seen from this one. */
export interface ThreadClient<S> {
  call<K extends MethodName<S>>(method: K, ...args: MethodArgs<S[K]>): Promise<MethodResult<S[K]>>;
}

/** One call on the wire: which service, which of its methods, with what. */
export type ThreadCall<T> = {
  [N in keyof T & string]: {
    [M in MethodName<T[N]>]: { id: number; service: N; method: M; args: MethodArgs<T[N][M]> };
  }[MethodName<T[N]>];
}[keyof T & string];

export interface WireError {
  name: string;
  message: string;
  similar?: string[];
  dealId?: string;
}

/** One answer on the wire; the client knows its type from the call it answers. */
export type ThreadReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: WireError };

export function errorToWire(error: unknown): WireError {
  const e = error as Error & { similar?: string[]; dealId?: string };
  return {
    name: e.name,
    message: e.message,
    ...(e.similar ? { similar: e.similar } : {}),
    ...(e.dealId ? { dealId: e.dealId } : {}),
  };
}

export function rebuildError(e: WireError): Error {
  if (e.name === 'RangeError') return new RangeError(e.message);
  if (e.name === 'DealNotFoundError' && e.dealId !== undefined) {
    return new DealNotFoundError(e.dealId, e.similar ?? []);
  }
  const error = new Error(e.message);
  error.name = e.name;
  return Object.assign(
    error,
    e.similar ? { similar: e.similar } : {},
    e.dealId ? { dealId: e.dealId } : {},
  );
}

/**
 * Lowers this worker thread's CPU priority by the `nice` its ServiceThread was started with.
 * On Linux a nice value belongs to one thread, so when the cores are busy (a burst of
 * questions, a metrics run, other processes) the main thread, where Slack's acks are sent,
 * is scheduled first. Elsewhere it would lower the whole process, so it is left alone.
 */
function niceThisThread(): void {
  const nice = (workerData as { nice?: number } | null)?.nice ?? 0;
  if (isMainThread || nice <= 0 || process.platform !== 'linux') return;
  try {
    setPriority(Math.min(19, getPriority() + nice));
  } catch {
    // not allowed here: the thread keeps the process's priority
  }
}

/** Answers every call that arrives on `port` from `services` (the worker's side). */
export function serveThread<T extends object>(port: MessagePort, services: T): void {
  niceThisThread();
  port.on('message', async (call: ThreadCall<T>) => {
    try {
      const service = services[call.service] as Record<string, unknown>;
      const method = Object.hasOwn(service, call.method) ? service[call.method] : undefined;
      if (typeof method !== 'function') {
        throw new Error(`no method ${call.service}.${call.method} in this thread`);
      }
      const result: unknown = await method.apply(service, call.args);
      port.postMessage({ id: call.id, ok: true, result } satisfies ThreadReply);
    } catch (error) {
      port.postMessage({ id: call.id, ok: false, error: errorToWire(error) } satisfies ThreadReply);
    }
  });
}
