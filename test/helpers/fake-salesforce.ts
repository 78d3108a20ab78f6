/**
 * A local fake of the Salesforce REST API, honest to the shapes dealfit relies on:
 * the OAuth token endpoint (JWT bearer with a verified RS256 assertion, username-password),
 * `/services/data/vXX.X/query` and `/queryAll` (and `/limits`) with `nextRecordsUrl` paging (2,000 a page),
 * record `attributes` and nested relationship objects, error bodies
 * `[{"errorCode","message"}]`, the `Sforce-Limit-Info` header, and fault injection
 * (401/403/503/timeouts/connection resets on the Nth API request, expired sessions).
 * Records live in memory and can be changed between syncs through the data methods.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  checkJwtAssertion,
  compareRows,
  querySize,
  readBody,
  render,
  sendJson,
} from './fake-salesforce-http.js';
import { matches, parseSoql, SoqlError, type SoqlQuery } from './fake-salesforce-soql.js';

export { sfDateTime } from './fake-salesforce-http.js';

export type SfRow = Record<string, unknown> & { Id: string };

const OPPORTUNITY_FIELDS = [
  'Id',
  'Name',
  'AccountId',
  'OwnerId',
  'StageName',
  'Amount',
  'CloseDate',
  'CreatedDate',
  'LastModifiedDate',
  'SystemModstamp',
  'IsClosed',
  'IsWon',
  'IsDeleted',
  'LeadSource',
  'Type',
];
const USER_FIELDS = ['Id', 'Username', 'Email', 'Name', 'IsActive'];
const ACCOUNT_FIELDS = ['Id', 'Name', 'Industry', 'BillingCountry', 'Type'];

/** relationship name on Opportunity -> (id field, related table) */
const RELATIONSHIPS = {
  Owner: { idField: 'OwnerId', table: 'users', type: 'User' },
  Account: { idField: 'AccountId', table: 'accounts', type: 'Account' },
} as const;

export type FaultKind =
  | 'server-error' // 503 SERVER_UNAVAILABLE
  | 'internal-error' // 500 UNKNOWN_EXCEPTION
  | 'limit-exceeded' // 403 REQUEST_LIMIT_EXCEEDED
  | 'expire-session' // all sessions expire, then 401 INVALID_SESSION_ID
  | 'hang' // never answers (a timeout for the client)
  | 'reset'; // destroys the socket (ECONNRESET)

export interface FakeSalesforceOptions {
  clientId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  securityToken?: string;
  /** PEM of the connected app's certificate/public key, for JWT assertions */
  publicKeyPem?: string;
  /** the `aud` a JWT assertion must carry */
  audience?: string;
  apiLimit?: number;
  /** custom fields that exist on Opportunity / User / Account besides the standard ones */
  customFields?: { Opportunity?: string[]; User?: string[]; Account?: string[] };
  /** the fake's clock, epoch ms; SystemModstamp of every change */
  startTime?: number;
}

export interface LoggedRequest {
  n: number;
  method: string;
  path: string;
  status: number;
}

interface Cursor {
  ids: string[];
  query: SoqlQuery;
  version: string;
}

export class FakeSalesforce {
  readonly options: Required<Omit<FakeSalesforceOptions, 'publicKeyPem' | 'customFields'>> &
    Pick<FakeSalesforceOptions, 'publicKeyPem'>;
  readonly opportunities = new Map<string, SfRow>();
  readonly users = new Map<string, SfRow>();
  readonly accounts = new Map<string, SfRow>();
  readonly requests: LoggedRequest[] = [];
  readonly tokenRequests: Array<{ grantType: string; ok: boolean }> = [];
  apiUsed = 0;
  /** epoch ms; advance it with `tick` */
  now: number;
  private readonly fields: Record<'Opportunity' | 'User' | 'Account', Set<string>>;
  private readonly sessions = new Set<string>();
  private readonly cursors = new Map<string, Cursor>();
  private readonly faults = new Map<number, FaultKind>();
  /** consumed one per token request: the next logins hang or answer 503 */
  readonly tokenFaults: Array<'hang' | 'server-error'> = [];
  private readonly sockets = new Set<Socket>();
  private apiCount = 0;
  private cursorCount = 0;
  private idCount = 0;
  private server: Server | undefined;
  url = '';

  constructor(options: FakeSalesforceOptions = {}) {
    this.options = {
      clientId: options.clientId ?? '3MVG9fake.client.id',
      clientSecret: options.clientSecret ?? 'fake-client-secret',
      username: options.username ?? 'integration@acme.example',
      password: options.password ?? 'correct-horse',
      securityToken: options.securityToken ?? 'TOKEN123',
      publicKeyPem: options.publicKeyPem,
      audience: options.audience ?? 'https://login.salesforce.com',
      apiLimit: options.apiLimit ?? 100_000,
      startTime: options.startTime ?? Date.parse('2024-06-01T00:00:00Z'),
    };
    this.now = this.options.startTime;
    const custom = options.customFields ?? {};
    this.fields = {
      Opportunity: new Set([...OPPORTUNITY_FIELDS, ...(custom.Opportunity ?? [])]),
      User: new Set([...USER_FIELDS, ...(custom.User ?? [])]),
      Account: new Set([...ACCOUNT_FIELDS, ...(custom.Account ?? [])]),
    };
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        sendJson(res, 500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: String(error) }]);
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  // ---- data API: change the org between syncs ------------------------------------------

  tick(ms = 1000): number {
    this.now += ms;
    return this.now;
  }

  nextId(prefix: string): string {
    this.idCount += 1;
    return `${prefix}${String(this.idCount).padStart(12, '0')}AAA`;
  }

  addUser(user: Partial<SfRow>): SfRow {
    const row = { Id: this.nextId('005'), IsActive: true, ...user } as SfRow;
    this.users.set(row.Id, row);
    return row;
  }

  addAccount(account: Partial<SfRow>): SfRow {
    const row = { Id: this.nextId('001'), ...account } as SfRow;
    this.accounts.set(row.Id, row);
    return row;
  }

  /** Creates an opportunity stamped with the fake's clock. */
  insert(fields: Partial<SfRow>): SfRow {
    const row = {
      IsDeleted: false,
      CreatedDate: this.now,
      ...fields,
      Id: fields.Id ?? this.nextId('006'),
      LastModifiedDate: this.now,
      SystemModstamp: this.now,
    } as SfRow;
    this.opportunities.set(row.Id, row);
    return row;
  }

  update(id: string, changes: Partial<SfRow>): SfRow {
    const row = this.opportunities.get(id);
    if (!row) throw new Error(`no opportunity ${id}`);
    Object.assign(row, changes, { LastModifiedDate: this.now, SystemModstamp: this.now });
    return row;
  }

  /** Soft delete: the record goes to the recycle bin, visible only through queryAll. */
  remove(id: string): void {
    this.update(id, { IsDeleted: true });
  }

  // ---- fault injection -----------------------------------------------------------------

  /** Fails the API request numbered `n` (1-based, counting /services/data requests). */
  failRequest(n: number, kind: FaultKind): void {
    this.faults.set(n, kind);
  }

  /** Fails the `offset`-th API request from now. */
  failNext(kind: FaultKind, offset = 1): void {
    this.failRequest(this.apiCount + offset, kind);
  }

  expireSessions(): void {
    this.sessions.clear();
  }

  get apiRequestCount(): number {
    return this.apiCount;
  }

  // ---- HTTP ----------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    if (req.method === 'POST' && url.pathname === '/services/oauth2/token') {
      const body = await readBody(req);
      const fault = this.tokenFaults.shift();
      if (fault === 'hang') return;
      if (fault === 'server-error') {
        // the login servers answer an outage with an HTML page, not JSON
        res.writeHead(503, { 'Content-Type': 'text/html' });
        res.end('<html><body>Service Unavailable</body></html>');
        return;
      }
      return this.token(body, res);
    }
    const api = /^\/services\/data\/v(\d+\.\d)\/(query|queryAll)(?:\/([^/]+))?\/?$/.exec(
      url.pathname,
    );
    if (!url.pathname.startsWith('/services/data/')) {
      return sendJson(res, 404, [
        { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
      ]);
    }
    this.apiCount += 1;
    const n = this.apiCount;
    const log = (status: number): void => {
      this.requests.push({ n, method: req.method ?? 'GET', path: url.pathname, status });
    };
    const fault = this.faults.get(n);
    if (fault === 'hang') return log(0);
    if (fault === 'reset') {
      log(0);
      req.socket.destroy();
      return;
    }
    if (fault === 'expire-session') this.expireSessions();
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.sessions.has(token)) {
      log(401);
      return sendJson(res, 401, [
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
      ]);
    }
    this.apiUsed += 1;
    res.setHeader('Sforce-Limit-Info', `api-usage=${this.apiUsed}/${this.options.apiLimit}`);
    if (fault === 'server-error') {
      log(503);
      return sendJson(res, 503, [
        { errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable' },
      ]);
    }
    if (fault === 'internal-error') {
      log(500);
      return sendJson(res, 500, [
        { errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred' },
      ]);
    }
    if (fault === 'limit-exceeded' || this.apiUsed > this.options.apiLimit) {
      log(403);
      return sendJson(res, 403, [
        { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' },
      ]);
    }
    if (req.method === 'GET' && /^\/services\/data\/v\d+\.\d\/limits\/?$/.test(url.pathname)) {
      // the org's limits (what `dealfit doctor` reads): this request counts, as in Salesforce
      log(200);
      const max = this.options.apiLimit;
      return sendJson(res, 200, {
        DailyApiRequests: { Max: max, Remaining: Math.max(0, max - this.apiUsed) },
      });
    }
    if (req.method !== 'GET' || !api) {
      log(404);
      return sendJson(res, 404, [
        { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
      ]);
    }
    const [, version = '', resource = 'query', locator] = api;
    const batchSize = querySize(req.headers['sforce-query-options']);
    const result = locator
      ? this.more(locator, batchSize)
      : this.query(url.searchParams.get('q') ?? '', resource === 'queryAll', version, batchSize);
    log(result.status);
    sendJson(res, result.status, result.body);
  }

  private token(body: string, res: ServerResponse): void {
    const form = new URLSearchParams(body);
    const grantType = form.get('grant_type') ?? '';
    const fail = (error: string, description: string) => {
      this.tokenRequests.push({ grantType, ok: false });
      sendJson(res, 400, { error, error_description: description });
    };
    if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const problem = this.checkAssertion(form.get('assertion') ?? '');
      if (problem) {
        fail(problem[0], problem[1]);
        return;
      }
    } else if (grantType === 'password') {
      const o = this.options;
      if (form.get('client_id') !== o.clientId || form.get('client_secret') !== o.clientSecret) {
        fail('invalid_client_id', 'client identifier invalid');
        return;
      }
      if (
        form.get('username') !== o.username ||
        form.get('password') !== `${o.password}${o.securityToken}`
      ) {
        fail('invalid_grant', 'authentication failure');
        return;
      }
    } else {
      fail('unsupported_grant_type', 'grant type not supported');
      return;
    }
    const accessToken = `00D000000000001!${randomBytes(24).toString('base64url')}`;
    this.sessions.add(accessToken);
    this.tokenRequests.push({ grantType, ok: true });
    sendJson(res, 200, {
      access_token: accessToken,
      instance_url: this.url,
      id: `${this.url}/id/00D000000000001AAA/005000000000001AAA`,
      token_type: 'Bearer',
      issued_at: String(this.now),
      signature: randomBytes(32).toString('base64'),
      scope: 'api',
    });
  }

  private checkAssertion(assertion: string): [string, string] | undefined {
    return checkJwtAssertion(assertion, this.options);
  }

  private query(soql: string, all: boolean, version: string, batchSize: number) {
    let query: SoqlQuery;
    try {
      query = parseSoql(soql);
    } catch (error) {
      if (!(error instanceof SoqlError)) throw error;
      return { status: 400, body: [{ errorCode: 'MALFORMED_QUERY', message: error.message }] };
    }
    if (query.object !== 'Opportunity') {
      const message = `sObject type '${query.object}' is not supported.`;
      return { status: 400, body: [{ errorCode: 'INVALID_TYPE', message }] };
    }
    const bad = [...query.fields, ...query.where.map((w) => w.field)].find(
      (f) => !this.knownField(f),
    );
    if (bad) {
      const message = `No such column '${bad}' on entity 'Opportunity'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`;
      return { status: 400, body: [{ errorCode: 'INVALID_FIELD', message }] };
    }
    let rows = [...this.opportunities.values()].filter(
      (row) =>
        (all || row.IsDeleted !== true) && query.where.every((c) => matches(row[c.field], c)),
    );
    if (query.orderBy.length > 0) rows.sort((a, b) => compareRows(a, b, query.orderBy));
    if (query.limit !== undefined) rows = rows.slice(0, query.limit);
    this.cursorCount += 1;
    const id = `01g${String(this.cursorCount).padStart(12, '0')}AAA`;
    this.cursors.set(id, { ids: rows.map((r) => r.Id), query, version });
    return this.page(id, 0, batchSize);
  }

  private more(locator: string, batchSize: number) {
    const m = /^(.+)-(\d+)$/.exec(locator);
    if (!m || !this.cursors.has(m[1] ?? '')) {
      const message = 'invalid query locator';
      return { status: 400, body: [{ errorCode: 'INVALID_QUERY_LOCATOR', message }] };
    }
    return this.page(m[1] ?? '', Number(m[2]), batchSize);
  }

  private page(cursorId: string, offset: number, batchSize: number) {
    const cursor = this.cursors.get(cursorId)!;
    const end = Math.min(offset + batchSize, cursor.ids.length);
    const records = cursor.ids
      .slice(offset, end)
      .map((id) => this.project(this.opportunities.get(id)!, cursor.query.fields, cursor.version));
    const done = end >= cursor.ids.length;
    return {
      status: 200,
      body: {
        totalSize: cursor.ids.length,
        done,
        ...(done
          ? {}
          : { nextRecordsUrl: `/services/data/v${cursor.version}/query/${cursorId}-${end}` }),
        records,
      },
    };
  }

  private knownField(path: string): boolean {
    const parts = path.split('.');
    if (parts.length === 1) return this.fields.Opportunity.has(path);
    const rel = RELATIONSHIPS[parts[0] as keyof typeof RELATIONSHIPS];
    return parts.length === 2 && rel !== undefined && this.fields[rel.type].has(parts[1] ?? '');
  }

  private project(row: SfRow, fields: string[], version: string): Record<string, unknown> {
    const out: Record<string, unknown> = {
      attributes: {
        type: 'Opportunity',
        url: `/services/data/v${version}/sobjects/Opportunity/${row.Id}`,
      },
    };
    for (const field of fields) {
      const [head = '', sub] = field.split('.');
      if (sub === undefined) {
        out[head] = render(head, row[head]);
        continue;
      }
      const rel = RELATIONSHIPS[head as keyof typeof RELATIONSHIPS];
      const relatedId = row[rel.idField] as string | undefined;
      const related = relatedId ? this[rel.table].get(relatedId) : undefined;
      if (!related) {
        out[head] = null;
        continue;
      }
      const nested = (out[head] as Record<string, unknown> | null | undefined) ?? {
        attributes: {
          type: rel.type,
          url: `/services/data/v${version}/sobjects/${rel.type}/${related.Id}`,
        },
      };
      nested[sub] = render(sub, related[sub]);
      out[head] = nested;
    }
    return out;
  }
}
