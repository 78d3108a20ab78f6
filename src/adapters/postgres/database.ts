/**
 * Opening the PostgreSQL store: a connection pool from the URL, the migrations
 * (drizzle-pg/) applied before anything else under an advisory lock, so two instances
 * starting together never run them at the same time: the second waits, then finds them
 * applied.
 */
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as schema from './schema.js';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS_FOLDER = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../drizzle-pg',
);

/** pg_advisory_lock key of the migrations: any constant the other users of the server don't take */
const MIGRATION_LOCK = 0x6465_616c_6669; // "dealfi"

/**
 * count(*) and sums come back as bigint and numeric, which node-postgres hands over as
 * strings: the SQLite store returns numbers, and so must this one (no count here comes
 * near 2^53). Set on node-postgres's global parsers, because drizzle's queries fall back
 * to those; dealfit is their only user in the process.
 */
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);

export interface PgOpenOptions {
  /** pool size (default 10) */
  max?: number;
  /** milliseconds to wait for a connection before giving up (default 10 s) */
  connectTimeoutMs?: number;
}

/** "host:port/database" of a URL, never its password: what an error message may name. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'an unparseable DATABASE_URL';
  }
}

/** The error of a server that is down, refused us, or does not resolve: said plainly. */
export function unreachable(url: string, error: unknown): Error {
  const reason = (error as Error).message || String((error as { code?: string }).code ?? error);
  return new Error(`PostgreSQL at ${describeUrl(url)} is unreachable: ${reason}`, {
    cause: error,
  });
}

/** Error codes of a server gone or going (node's socket codes, PostgreSQL's class 08/57P). */
const GONE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);
const GONE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

function isGone(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  const code = e.code ?? '';
  return (
    GONE.has(code) ||
    code.startsWith('08') ||
    code.startsWith('57P') ||
    GONE_MESSAGE.test(e.message ?? '')
  );
}

/**
 * A lost server said as such, naming it, wherever a statement fails: an import, a job or a
 * request then reports "PostgreSQL at db.internal:5432/dealfit is unreachable: …", not a
 * bare "Connection terminated unexpectedly".
 */
function clientFor(url: string): typeof pg.Client {
  return class extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      // A checked-out client whose server goes away emits 'error' as well as failing its
      // query; the query's failure is what its caller handles, so the event must not
      // crash the process.
      this.on('error', () => {});
    }

    // biome-ignore lint/suspicious/noExplicitAny: query's overloads, passed through as they are
    override query(...args: any[]): any {
      // biome-ignore lint/suspicious/noExplicitAny: as above
      const result = (super.query as (...a: any[]) => any)(...args);
      if (result && typeof result.then === 'function') {
        return result.catch((error: unknown) => {
          throw isGone(error) ? unreachable(url, error) : error;
        });
      }
      return result;
    }
  };
}

/** A pool whose failures to connect say so the same way. */
function poolFor(url: string): typeof pg.Pool {
  const say = (error: unknown) => (isGone(error) ? unreachable(url, error) : error);
  return class extends pg.Pool {
    // biome-ignore lint/suspicious/noExplicitAny: connect's overloads (callback or promise)
    override connect(callback?: any): any {
      if (callback) {
        // biome-ignore lint/suspicious/noExplicitAny: as above
        return super.connect((error: any, client: any, done: any) =>
          callback(error ? say(error) : error, client, done),
        );
      }
      return super.connect().catch((error: unknown) => {
        throw say(error);
      });
    }
  };
}

const urls = new WeakMap<pg.Pool, string>();

/** `error` in the words of a lost server when it is one (a COPY stream's, say). */
export function sayGone(db: PgDb, error: unknown): unknown {
  const url = urls.get(db.$client);
  return url && isGone(error) && !(error as Error).message?.startsWith('PostgreSQL at ')
    ? unreachable(url, error)
    : error;
}

/** Connects to `url`, migrates the database and returns the store's handle. */
export async function openPostgres(url: string, options: PgOpenOptions = {}): Promise<PgDb> {
  const Pool = poolFor(url);
  const pool = new Pool({
    Client: clientFor(url),
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  });
  // An idle connection dropped by the server (a restart) must not crash the process: the
  // pool replaces it, and the next query tells its caller.
  pool.on('error', () => {});
  urls.set(pool, url);
  const db = drizzle({ client: pool, schema, casing: 'snake_case' }) as PgDb;
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => {});
    throw (error as Error).message.startsWith('PostgreSQL at ') ? error : unreachable(url, error);
  }
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client, casing: 'snake_case' }), {
        migrationsFolder: PG_MIGRATIONS_FOLDER,
      });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (error) {
    client.release(true);
    await pool.end().catch(() => {});
    throw error;
  }
  client.release();
  return db;
}

export async function closePostgres(db: PgDb): Promise<void> {
  await db.$client.end();
}

/** A pool or one of its clients: where a statement runs. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** The rows of one statement. */
export async function rows<T>(on: Queryable, text: string, params: unknown[] = []): Promise<T[]> {
  return (await on.query(text, params)).rows as T[];
}

/** The first row of one statement, or undefined. */
export async function first<T>(
  on: Queryable,
  text: string,
  params: unknown[] = [],
): Promise<T | undefined> {
  return (await on.query(text, params)).rows[0] as T | undefined;
}

/**
 * Runs `work` in one transaction on a client of its own: committed when it resolves,
 * rolled back when it throws. What SQLite does in one `db.transaction(…)()`.
 */
export async function transaction<T>(
  db: PgDb,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await db.$client.connect();
  let broken = false;
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    try {
      await client.query('rollback');
    } catch {
      broken = true;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** A value in COPY's text format: backslash escapes, \N for null. */
const NEEDS_ESCAPE = /[\\\t\n\r]/;
export function copyField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** COPY these bytes (rows in COPY's text format: copy-bytes.ts) into `table`. */
export async function copyBytes(
  client: pg.PoolClient,
  table: string,
  columns: string,
  bytes: Buffer,
): Promise<void> {
  if (bytes.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
  await pipeline(Readable.from([bytes]), stream);
}

/** COPY these lines (fields already in COPY's text format, tab-joined) into `table`. */
export async function copyLines(
  client: pg.PoolClient,
  table: string,
  columns: string,
  lines: readonly string[],
): Promise<void> {
  if (lines.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
  // in chunks of ~1 MB: one string of a whole run's rows would be hundreds of MB
  const chunks = function* () {
    for (let i = 0; i < lines.length; i += 8192) {
      yield `${lines.slice(i, i + 8192).join('\n')}\n`;
    }
  };
  await pipeline(Readable.from(chunks()), stream);
}
