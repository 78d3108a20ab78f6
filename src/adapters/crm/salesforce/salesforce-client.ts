/**
 * GET requests to the Salesforce REST API through jsforce, made resilient the way a sync
 * that runs unattended every 6 hours needs:
 * - retries with exponential backoff and jitter on network errors, timeouts, 5xx and
 *   REQUEST_LIMIT_EXCEEDED (jsforce's own hidden retries are turned off so there is one
 *   policy, with an injectable sleep and random for tests);
 * - one re-authentication per request on INVALID_SESSION_ID;
 * - the org's API usage read from `Sforce-Limit-Info`, stopping before the daily limit;
 * - query paging that follows `nextRecordsUrl` until `done` (never jsforce's maxFetch).
 */
import type { Connection } from 'jsforce';
import { SalesforceAuthError } from './connection.js';

export interface RetryPolicy {
  /** attempts per request, the first included */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 };

export type SalesforceEvent =
  | { type: 'retry'; attempt: number; delayMs: number; reason: string }
  | { type: 'reauth' }
  | { type: 'page'; records: number; fetched: number; totalSize: number }
  | { type: 'warning'; message: string };

export interface SalesforceClientOptions {
  /** logs in and returns a fresh Connection (see connectSalesforce) */
  connect: () => Promise<Connection>;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  /** stop when the org's daily API usage reaches this percentage */
  usageStopPercent?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onEvent?: (event: SalesforceEvent) => void;
}

export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Array<Record<string, unknown>>;
}

/** The org is close to its daily API limit: stop before other integrations starve. */
export class SalesforceLimitError extends Error {
  override name = 'SalesforceLimitError';
}

/** A request that kept failing (or failed in a way retrying cannot fix). */
export class SalesforceRequestError extends Error {
  override name = 'SalesforceRequestError';
  constructor(
    message: string,
    readonly errorCode: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const RETRYABLE_CODES = new Set([
  'REQUEST_LIMIT_EXCEEDED',
  'SERVER_UNAVAILABLE',
  'UNKNOWN_EXCEPTION',
]);

function codeOf(error: unknown): string {
  const e = error as { errorCode?: unknown; name?: unknown; code?: unknown };
  if (typeof e?.errorCode === 'string') return e.errorCode;
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.name === 'string' ? e.name : 'UNKNOWN';
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof SalesforceAuthError || error instanceof SalesforceLimitError) return false;
  const e = error as { name?: string; message?: string };
  const code = codeOf(error);
  return (
    RETRYABLE_CODES.has(code) ||
    /^ERROR_HTTP_5\d\d$/.test(code) ||
    e?.name === 'FetchError' || // node-fetch: ECONNRESET, ECONNREFUSED, socket hang up
    e?.name === 'AbortError' || // jsforce's per-request timeout
    error instanceof SalesforceTimeoutError ||
    e?.message === 'Request Timeout'
  );
}

function isInvalidSession(error: unknown): boolean {
  return codeOf(error) === 'INVALID_SESSION_ID';
}

export class SalesforceClient {
  private conn: Connection | undefined;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  /** last `Sforce-Limit-Info` seen */
  usage: { used: number; limit: number } | undefined;
  readonly stats = { requests: 0, retries: 0, reauths: 0 };

  constructor(private readonly options: SalesforceClientOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
  }

  /** Equal jitter: half the exponential step, plus a random part of the other half. */
  backoffMs(attempt: number): number {
    const step = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(step / 2 + (this.random() * step) / 2);
  }

  async get<T>(url: string): Promise<T> {
    let attempt = 0;
    let reauthed = false;
    for (;;) {
      try {
        this.checkUsage();
        const timeoutMs = this.options.timeoutMs ?? 60_000;
        if (!this.conn) this.conn = await withDeadline(this.options.connect(), timeoutMs, 'login');
        const conn = this.conn;
        this.stats.requests += 1;
        try {
          // jsforce's timeout covers the wait for the response headers; the deadline also
          // covers a body that stalls, so an unattended sync can never hang for good.
          return await withDeadline(
            conn.request<T>(
              { method: 'GET', url },
              { timeout: timeoutMs, retry: { maxRetries: 0 } },
            ),
            timeoutMs * 2,
            'request',
          );
        } finally {
          this.readUsage(conn);
        }
      } catch (error) {
        if (isInvalidSession(error)) {
          if (reauthed) {
            throw new SalesforceAuthError(
              'Salesforce rejected a freshly issued session (INVALID_SESSION_ID); check the connected app policies (IP relaxation, session timeout) and the API Enabled permission.',
            );
          }
          reauthed = true;
          this.conn = undefined;
          this.stats.reauths += 1;
          this.options.onEvent?.({ type: 'reauth' });
          continue;
        }
        attempt += 1;
        if (!isRetryable(error)) throw wrap(error, attempt);
        if (attempt >= this.retry.maxAttempts) throw wrap(error, attempt);
        const delayMs = this.backoffMs(attempt);
        this.stats.retries += 1;
        this.options.onEvent?.({ type: 'retry', attempt, delayMs, reason: describe(error) });
        await this.sleep(delayMs);
      }
    }
  }

  /** Every page of a query (`all`: queryAll, which includes deleted records), in order. */
  async *queryPages(soql: string, { all = false } = {}): AsyncGenerator<QueryPage> {
    let url = `/${all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`;
    let fetched = 0;
    for (;;) {
      const page = await this.get<QueryPage>(url);
      fetched += page.records.length;
      this.options.onEvent?.({
        type: 'page',
        records: page.records.length,
        fetched,
        totalSize: page.totalSize,
      });
      yield page;
      if (page.done || !page.nextRecordsUrl) {
        if (fetched !== page.totalSize) {
          this.options.onEvent?.({
            type: 'warning',
            message: `Salesforce announced ${page.totalSize} records and returned ${fetched}`,
          });
        }
        return;
      }
      url = page.nextRecordsUrl;
    }
  }

  private readUsage(conn: Connection): void {
    const usage = conn.limitInfo?.apiUsage;
    if (usage && usage.limit > 0) this.usage = { used: usage.used, limit: usage.limit };
  }

  private checkUsage(): void {
    if (!this.usage) return;
    const stop = this.options.usageStopPercent ?? 90;
    const percent = (this.usage.used / this.usage.limit) * 100;
    if (percent >= stop) {
      throw new SalesforceLimitError(
        `Salesforce API usage is at ${this.usage.used}/${this.usage.limit} (${percent.toFixed(1)}%) of the org's daily limit; dealfit stops at ${stop}% (SALESFORCE_API_USAGE_STOP_PERCENT) to leave room for other integrations. The next sync continues from the last committed point.`,
      );
    }
  }
}

/** A request or login that took too long; retried like a network error. */
export class SalesforceTimeoutError extends Error {
  override name = 'SalesforceTimeoutError';
}

function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SalesforceTimeoutError(`Salesforce ${what} took longer than ${ms} ms`)),
      ms,
    );
  });
  // the losing promise may still settle later: keep its rejection from going unhandled
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  return `${codeOf(error)}: ${message}`.slice(0, 300);
}

function wrap(error: unknown, attempts: number): Error {
  if (error instanceof SalesforceAuthError || error instanceof SalesforceLimitError) return error;
  const code = codeOf(error);
  const hint =
    code === 'REQUEST_LIMIT_EXCEEDED'
      ? ' (the org has used up its API requests for now; the next scheduled sync tries again)'
      : '';
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  return new SalesforceRequestError(
    `Salesforce request failed${tries}: ${describe(error)}${hint}`,
    code,
    {
      cause: error,
    },
  );
}
