import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectSalesforce,
  SalesforceAuthError,
} from '../../../../src/adapters/crm/salesforce/connection.js';
import {
  type QueryPage,
  SalesforceClient,
  type SalesforceEvent,
  SalesforceLimitError,
  SalesforceRequestError,
} from '../../../../src/adapters/crm/salesforce/salesforce-client.js';
import { loadConfig, type SalesforceConfig } from '../../../../src/config.js';
import { startTestOrg, type TestOrg } from '../../../helpers/salesforce-test-org.js';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg({ opportunities: 25_000 });
});
afterAll(async () => {
  await t.cleanup();
});

const ALL = 'SELECT Id, SystemModstamp FROM Opportunity ORDER BY SystemModstamp ASC, Id ASC';

function client(extra: Partial<ConstructorParameters<typeof SalesforceClient>[0]> = {}) {
  const sleeps: number[] = [];
  const events: SalesforceEvent[] = [];
  const c = new SalesforceClient({
    connect: () => connectSalesforce(t.config),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { c, sleeps, events };
}

async function readAll(c: SalesforceClient, soql = ALL): Promise<QueryPage[]> {
  const pages: QueryPage[] = [];
  for await (const page of c.queryPages(soql)) pages.push(page);
  return pages;
}

describe('connectSalesforce', () => {
  it('logs in with the JWT bearer flow and sets the API version explicitly', async () => {
    const conn = await connectSalesforce(t.config);
    expect(conn.instanceUrl).toBe(t.fake.url);
    expect(conn.version).toBe('62.0');
    expect(t.fake.tokenRequests.at(-1)).toEqual({
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      ok: true,
    });
  });

  it('logs in with username + password + security token as the fallback', async () => {
    const o = t.fake.options;
    const config = loadConfig({
      SALESFORCE_LOGIN_URL: t.fake.url,
      SALESFORCE_CLIENT_ID: o.clientId,
      SALESFORCE_CLIENT_SECRET: o.clientSecret,
      SALESFORCE_USERNAME: o.username,
      SALESFORCE_PASSWORD: o.password,
      SALESFORCE_SECURITY_TOKEN: o.securityToken,
      SALESFORCE_MAPPING_FILE: t.mappingFile,
    }).salesforce as SalesforceConfig;
    const conn = await connectSalesforce(config);
    expect(conn.accessToken).toMatch(/^00D/);
    // Secrets never print, however the config is logged.
    for (const shown of [JSON.stringify(config), inspect(config, { depth: 5 }), `${config.auth}`]) {
      expect(shown).not.toContain(o.password);
      expect(shown).not.toContain(o.clientSecret);
      expect(shown).not.toContain(o.securityToken);
    }
    const wrong = loadConfig({
      SALESFORCE_LOGIN_URL: t.fake.url,
      SALESFORCE_CLIENT_ID: o.clientId,
      SALESFORCE_CLIENT_SECRET: o.clientSecret,
      SALESFORCE_USERNAME: o.username,
      SALESFORCE_PASSWORD: 'guess-42',
      SALESFORCE_MAPPING_FILE: t.mappingFile,
    }).salesforce as SalesforceConfig;
    const error = await connectSalesforce(wrong).catch((e: Error) => e);
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect((error as Error).message).toContain('invalid_grant: authentication failure');
    expect((error as Error).message).not.toContain('guess-42');
  });

  it('explains a JWT refused by the org (key not on the connected app)', async () => {
    const other = { ...t.config, auth: { ...t.config.auth, clientId: 'someone-else' } };
    const error = await connectSalesforce(other as SalesforceConfig).catch((e: Error) => e);
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect((error as Error).message).toMatch(/invalid_client_id.*SALESFORCE_CLIENT_ID/s);
  });

  it('rejects an incomplete Salesforce environment with one line per missing variable', () => {
    expect(() => loadConfig({ SALESFORCE_USERNAME: 'x@y.z' })).toThrow(
      /SALESFORCE_CLIENT_ID: required.*\n.*SALESFORCE_MAPPING_FILE: required.*\n.*SALESFORCE_PASSWORD: required/,
    );
    expect(loadConfig({}).salesforce).toBeUndefined();
  });
});

describe('SalesforceClient.queryPages', () => {
  it('reads 25,000 records over 13 pages, past jsforce maxFetch of 10,000', async () => {
    const { c, events } = client();
    const pages = await readAll(c);
    expect(pages).toHaveLength(13);
    expect(pages.map((p) => p.records.length)).toEqual([...Array(12).fill(2000), 1000]);
    const ids = pages.flatMap((p) => p.records.map((r) => r.Id));
    expect(new Set(ids).size).toBe(25_000);
    expect(events.filter((e) => e.type === 'warning')).toEqual([]);
    expect(c.usage?.limit).toBe(100_000);
  });

  it('retries a 503 mid-paging with growing jittered delays and finishes without duplicates', async () => {
    const { c, sleeps, events } = client({ random: () => 0 });
    const before = t.fake.apiRequestCount;
    // request 1 logs in lazily (token endpoint is not counted): API requests 5 and 6 fail
    t.fake.failRequest(before + 5, 'server-error');
    t.fake.failRequest(before + 6, 'internal-error');
    const pages = await readAll(c);
    const ids = pages.flatMap((p) => p.records.map((r) => r.Id));
    expect(ids).toHaveLength(25_000);
    expect(new Set(ids).size).toBe(25_000);
    expect(sleeps).toEqual([500, 1000]);
    expect(
      events.filter((e) => e.type === 'retry').map((e) => (e as { reason: string }).reason),
    ).toEqual([
      'SERVER_UNAVAILABLE: Server temporarily unavailable',
      'UNKNOWN_EXCEPTION: An unexpected error occurred',
    ]);
  });

  it('retries REQUEST_LIMIT_EXCEEDED and a dropped connection, then gives up with a clear error', async () => {
    const { c, sleeps } = client({ retry: { maxAttempts: 3 } });
    t.fake.failNext('limit-exceeded');
    t.fake.failNext('reset', 2);
    const page = await c.get<QueryPage>(`/query?q=${encodeURIComponent(`${ALL} LIMIT 5`)}`);
    expect(page.records).toHaveLength(5);
    expect(sleeps).toHaveLength(2);
    for (let i = 1; i <= 3; i++) t.fake.failNext('server-error', i);
    const error = await c.get(`/query?q=${encodeURIComponent(ALL)}`).catch((e: Error) => e);
    expect(error).toBeInstanceOf(SalesforceRequestError);
    expect((error as Error).message).toBe(
      'Salesforce request failed after 3 attempts: SERVER_UNAVAILABLE: Server temporarily unavailable',
    );
  });

  it('times out a request that never answers and retries it', async () => {
    const { c, events } = client({ timeoutMs: 300 });
    t.fake.failNext('hang');
    const page = await c.get<QueryPage>(`/query?q=${encodeURIComponent(`${ALL} LIMIT 3`)}`);
    expect(page.records).toHaveLength(3);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: /AbortError/ });
  });

  it('retries a login that hangs or meets a 503 outage page', async () => {
    const { c, events } = client({ timeoutMs: 300 });
    t.fake.tokenFaults.push('hang', 'server-error');
    const page = await c.get<QueryPage>(`/query?q=${encodeURIComponent(`${ALL} LIMIT 2`)}`);
    expect(page.records).toHaveLength(2);
    expect(
      events.filter((e) => e.type === 'retry').map((e) => (e as { reason: string }).reason),
    ).toEqual([
      'SalesforceTimeoutError: Salesforce login took longer than 300 ms',
      expect.stringMatching(/^ERROR_HTTP_503: /),
    ]);
  });

  it('re-authenticates once when the session expires mid-paging', async () => {
    const { c, events } = client();
    const logins = t.fake.tokenRequests.length;
    t.fake.failNext('expire-session', 4);
    const pages = await readAll(c);
    expect(pages.flatMap((p) => p.records)).toHaveLength(25_000);
    expect(events.filter((e) => e.type === 'reauth')).toHaveLength(1);
    expect(t.fake.tokenRequests.length - logins).toBe(2);
  });

  it('gives up when even a fresh session is refused', async () => {
    const { c } = client();
    await c.get(`/query?q=${encodeURIComponent(`${ALL} LIMIT 1`)}`);
    t.fake.failNext('expire-session');
    t.fake.failNext('expire-session', 2);
    const error = await c.get(`/query?q=${encodeURIComponent(ALL)}`).catch((e: Error) => e);
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect(c.stats.reauths).toBe(1);
  });

  it('stops politely before the daily API limit, reading Sforce-Limit-Info', async () => {
    const { c } = client({ usageStopPercent: 90 });
    t.fake.apiUsed = 89_998; // 2 more requests reach 90,000 of 100,000
    try {
      const seen: number[] = [];
      const error = await (async () => {
        for await (const page of c.queryPages(ALL)) seen.push(page.records.length);
      })().catch((e: Error) => e);
      expect(error).toBeInstanceOf(SalesforceLimitError);
      expect((error as Error).message).toContain('90000/100000 (90.0%)');
      expect(seen).toEqual([2000, 2000]);
    } finally {
      t.fake.apiUsed = 0;
    }
  });
});
