/**
 * The store ports are asynchronous, as a networked store (PostgreSQL) must be; better-
 * sqlite3 answers at once. An adapter here is written synchronously against
 * `Synchronous<Port>` and handed out through `promised`: each call runs at once and
 * returns a settled promise (a thrown error becomes a rejection), so a SQLite transaction
 * still begins and ends inside the one call.
 */
export type Synchronous<P> = {
  [K in keyof P]: P[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : P[K];
};

export function promised<P extends object>(sync: Synchronous<P>): P {
  const port: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sync)) {
    port[key] =
      typeof value === 'function'
        ? async (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(sync, args)
        : value;
  }
  return port as P;
}
