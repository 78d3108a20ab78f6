/**
 * The fake Salesforce on its own, spoken to with plain fetch: if it drifted from the real
 * API's shapes, every adapter test built on it would prove nothing.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSalesforce } from './fake-salesforce.js';
import { createJwtKeyPair, FAKE_CUSTOM_FIELDS, seedOrg } from './fake-salesforce-data.js';

const dir = mkdtempSync(join(tmpdir(), 'fake-sf-'));
const keys = createJwtKeyPair(dir);
const fake = new FakeSalesforce({
  publicKeyPem: keys.publicKeyPem,
  customFields: FAKE_CUSTOM_FIELDS,
});

function assertion(claims: Record<string, unknown>, keyPath = keys.privateKeyPath): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${enc({ alg: 'RS256' })}.${enc(claims)}`;
  const key = createPrivateKey(readFileSync(keyPath));
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

function validClaims(): Record<string, unknown> {
  return {
    iss: fake.options.clientId,
    sub: fake.options.username,
    aud: 'https://login.salesforce.com',
    exp: Math.floor(Date.now() / 1000) + 120,
  };
}

async function token(form: Record<string, string>) {
  const res = await fetch(`${fake.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function jwtToken(): Promise<string> {
  const res = await token({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: assertion(validClaims()),
  });
  return res.body.access_token ?? '';
}

interface Rec {
  Id: string;
  IsDeleted?: boolean;
  SystemModstamp?: string;
  attributes: unknown;
  Owner: { Email: string };
  Account: { Industry: string };
}
/** A query page or an error list: the tests know which one they expect. */
type Body = { totalSize: number; done: boolean; nextRecordsUrl: string; records: Rec[] } & Array<{
  errorCode: string;
  message: string;
}>;

async function get(path: string, accessToken: string) {
  const res = await fetch(`${fake.url}${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
}

const q = (soql: string) => `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;

beforeAll(async () => {
  await fake.start();
  seedOrg(fake, { opportunities: 4500 });
});
afterAll(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('fake Salesforce: OAuth token endpoint', () => {
  it('issues a token for a JWT signed with the connected app key, like Salesforce', async () => {
    const res = await token({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: assertion(validClaims()),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ instance_url: fake.url, token_type: 'Bearer' });
    expect(res.body.id).toMatch(/\/id\/00D\w+\/005\w+$/);
  });

  it('refuses an assertion signed with another key, a wrong issuer or an expired exp', async () => {
    const other = createJwtKeyPair(mkdtempSync(join(dir, 'other-')));
    const grant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    const forged = await token({
      grant_type: grant,
      assertion: assertion(validClaims(), other.privateKeyPath),
    });
    expect(forged).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const wrongIss = await token({
      grant_type: grant,
      assertion: assertion({ ...validClaims(), iss: 'nope' }),
    });
    expect(wrongIss.body.error).toBe('invalid_client_id');
    const expired = await token({
      grant_type: grant,
      assertion: assertion({ ...validClaims(), exp: Math.floor(Date.now() / 1000) - 10 }),
    });
    expect(expired.body.error).toBe('invalid_grant');
  });

  it('supports the username-password grant with the security token appended', async () => {
    const o = fake.options;
    const base = { grant_type: 'password', client_id: o.clientId, client_secret: o.clientSecret };
    const ok = await token({
      ...base,
      username: o.username,
      password: o.password + o.securityToken,
    });
    expect(ok.status).toBe(200);
    const bad = await token({ ...base, username: o.username, password: o.password });
    expect(bad).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});

describe('fake Salesforce: query and queryAll', () => {
  it('pages 2,000 records at a time with nextRecordsUrl, attributes and nested relationships', async () => {
    const at = await jwtToken();
    const first = await get(
      q(
        'SELECT Id, Amount, Owner.Email, Account.Industry FROM Opportunity ORDER BY SystemModstamp, Id',
      ),
      at,
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
    expect(first.body).toMatchObject({ totalSize: 4500, done: false });
    expect(first.body.records).toHaveLength(2000);
    const rec = first.body.records[0]!;
    expect(rec.attributes).toEqual({
      type: 'Opportunity',
      url: `/services/data/v62.0/sobjects/Opportunity/${rec.Id}`,
    });
    expect(rec.Owner).toMatchObject({ attributes: { type: 'User' }, Email: expect.any(String) });
    expect(rec.Account.Industry).toEqual(expect.any(String));
    expect(first.body.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w+-2000$/);
    const second = await get(first.body.nextRecordsUrl, at);
    const third = await get(second.body.nextRecordsUrl, at);
    expect(third.body).toMatchObject({ done: true, totalSize: 4500 });
    expect(third.body.records).toHaveLength(500);
    expect(third.body.nextRecordsUrl).toBeUndefined();
    const ids = [first, second, third].flatMap((p) => p.body.records.map((r) => r.Id));
    expect(new Set(ids).size).toBe(4500);
  });

  it('filters on SystemModstamp, hides deleted records from query and shows them to queryAll', async () => {
    const at = await jwtToken();
    const since = fake.now;
    fake.tick(5000);
    const [a, b] = [...fake.opportunities.values()];
    fake.update(a!.Id, { Amount: 1 });
    fake.remove(b!.Id);
    const soql = `SELECT Id, IsDeleted, SystemModstamp FROM Opportunity WHERE SystemModstamp > ${new Date(since).toISOString().replace('.000Z', 'Z')} ORDER BY SystemModstamp, Id`;
    const live = await get(q(soql), at);
    expect(live.body.records.map((r) => r.Id)).toEqual([a!.Id]);
    expect(live.body.records[0]?.SystemModstamp).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$/,
    );
    const all = await get(`/services/data/v62.0/queryAll?q=${encodeURIComponent(soql)}`, at);
    expect(all.body.records.map((r) => [r.Id, r.IsDeleted])).toEqual([
      [a!.Id, false],
      [b!.Id, true],
    ]);
  });

  it('answers errors as [{errorCode, message}] like the REST API', async () => {
    const at = await jwtToken();
    const badField = await get(q('SELECT Id, Nope__c FROM Opportunity'), at);
    expect(badField.status).toBe(400);
    expect(badField.body[0]).toMatchObject({ errorCode: 'INVALID_FIELD' });
    const badSession = await get(q('SELECT Id FROM Opportunity'), 'expired');
    expect(badSession).toMatchObject({
      status: 401,
      body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }],
    });
  });

  it('injects 503, limit and expired-session faults on the Nth request', async () => {
    const at = await jwtToken();
    fake.failNext('server-error');
    fake.failNext('limit-exceeded', 2);
    fake.failNext('expire-session', 3);
    const soql = q('SELECT Id FROM Opportunity LIMIT 1');
    expect((await get(soql, at)).body[0]?.errorCode).toBe('SERVER_UNAVAILABLE');
    expect((await get(soql, at)).body[0]?.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect((await get(soql, at)).status).toBe(401);
    expect((await get(soql, await jwtToken())).status).toBe(200);
  });
});
