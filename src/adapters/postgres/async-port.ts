/**
 * Until the asynchronous ports (branch wt-async) merge: each port's methods as promises,
 * which is what the PostgreSQL adapter implements. Identity on a port already asynchronous.
 */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : T[K];
};
