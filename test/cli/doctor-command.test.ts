/**
 * `dealfit doctor` through the real CLI, against the Slack emulator (scopes granted per
 * token, channel membership, invalid_auth) and the fake Salesforce: each problem gets its
 * own line with the fix; a healthy setup is all ok and exits 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { manifestBotScopes } from '../../src/adapters/slack/manifest.js';
import { closeDatabase, openDatabase } from '../../src/adapters/storage/database.js';
import type { DoctorReport } from '../../src/app/doctor/checks.js';
import { SlackEmulator } from '../../src/local/slack-emulator/server.js';
import { insertDemoDeals } from '../helpers/demo-db.js';
import { runDealfit } from '../helpers/run-cli.js';
import { startTestOrg } from '../helpers/salesforce-test-org.js';
import { createTempDbPath } from '../helpers/test-db.js';

const TOKEN = 'xoxb-installed';
const CHANNELS = [
  { id: 'C0ALERTS', name: 'revenue-alerts' },
  { id: 'C0MGRS', name: 'sales-managers' },
  { id: 'C0OPS', name: 'revenue-ops' },
];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

describe('dealfit doctor', { timeout: 60_000 }, () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function emulator(scopes: readonly string[] = manifestBotScopes()) {
    const fake = await SlackEmulator.start({ channels: CHANNELS, tokens: { [TOKEN]: scopes } });
    cleanups.push(() => fake.close());
    return fake;
  }

  function dbWithDeals(deals: number): string {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const db = openDatabase(tmp.path);
    if (deals > 0) insertDemoDeals(db, { deals, start: '2025-06-01', end: today() });
    closeDatabase(db);
    return tmp.path;
  }

  function env(fake: SlackEmulator, extra: Record<string, string> = {}): Record<string, string> {
    return {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: 'shh',
      SLACK_API_URL: fake.apiUrl,
      DEALFIT_ALERTS_CHANNEL: 'C0ALERTS',
      DEALFIT_MANAGERS_CHANNEL: 'C0MGRS',
      DEALFIT_OPS_CHANNEL: 'C0OPS',
      DEALFIT_WEBHOOK_SECRET: 'a'.repeat(40),
      ...extra,
    };
  }

  it('is all ok on a healthy setup and exits 0', async () => {
    const fake = await emulator();
    const db = dbWithDeals(400);
    const res = await runDealfit(['doctor', '--db', db], env(fake));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/^\s+(warn|FAIL)/m);
    expect(res.stdout).toMatch(/^\s+ok\s+token: valid: workspace dealfit test/m);
    expect(res.stdout).toMatch(/^\s+ok\s+scopes: all 12 scopes of manifest\.json granted/m);
    expect(res.stdout).toMatch(/^\s+ok\s+#revenue-ops: DEALFIT_OPS_CHANNEL: dealfit is a member/m);
    expect(res.stdout).toMatch(/^\s+ok\s+deals: 400 deals/m);
    expect(res.stdout).toMatch(/^\s+ok\s+migrations: all \d+ applied/m);
    expect(res.stdout).toMatch(/0 warnings, 0 failures$/);
    const json = (
      await runDealfit(['doctor', '--db', db, '--json'], env(fake))
    ).json() as DoctorReport;
    expect(json.ok).toBe(true);
    expect(json.counts).toMatchObject({ warn: 0, fail: 0 });
    expect(new Set(json.checks.map((c) => c.area))).toEqual(
      new Set(['configuration', 'database', 'slack', 'webhook']),
    );
  });

  it('gives a missing scope, a channel without the bot, a bad timezone and an empty store each their line and fix', async () => {
    const fake = await emulator(manifestBotScopes().filter((s) => s !== 'files:write'));
    fake.setBotMember('C0MGRS', false);
    const db = dbWithDeals(0);
    const res = await runDealfit(
      ['doctor', '--db', db, '--json'],
      env(fake, { DEALFIT_TIMEZONE: 'Mars/Base' }),
    );
    expect(res.code).toBe(1); // the timezone fails; the rest are warnings
    const report = res.json() as DoctorReport;
    const line = (name: string) => report.checks.find((c) => c.name === name);
    expect(line('DEALFIT_TIMEZONE')).toMatchObject({
      area: 'configuration',
      status: 'fail',
      detail: expect.stringMatching(/IANA timezone/),
      fix: expect.stringMatching(/Europe\/Paris/),
    });
    expect(line('scopes')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/^missing scope files:write \(manifest\.json asks/),
      fix: expect.stringMatching(/Reinstall to Workspace/),
    });
    expect(line('#sales-managers')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/DEALFIT_MANAGERS_CHANNEL: dealfit is not a member/),
      fix: 'type `/invite @dealfit` in #sales-managers',
    });
    expect(line('#revenue-alerts')?.status).toBe('ok');
    expect(line('deals')).toMatchObject({
      area: 'database',
      status: 'warn',
      detail: expect.stringMatching(/^no deals yet/),
      fix: expect.stringMatching(/dealfit import deals\.csv/),
    });
    // the rest of the setup is still checked despite the bad variable
    expect(line('token')?.status).toBe('ok');
    // the human text: one line each, the fix under it
    const text = await runDealfit(
      ['doctor', '--db', db],
      env(fake, { DEALFIT_TIMEZONE: 'Mars/Base' }),
    );
    expect(text.stdout).toMatch(
      /FAIL {2}DEALFIT_TIMEZONE: must be an IANA timezone.*\n\s+fix: set DEALFIT_TIMEZONE/,
    );
    expect(text.stdout).toMatch(/warn {2}scopes: missing scope files:write.*\n\s+fix: /);
    expect(text.stdout).toMatch(/warn {2}#sales-managers: .*\n\s+fix: type `\/invite @dealfit`/);
    expect(text.stdout).toMatch(/warn {2}deals: no deals yet.*\n\s+fix: import a CSV export/);
  });

  it('checks each DEALFIT_DIGEST_USERS person: an unknown one is a warning with the fix, the others say their zone or the fallback', async () => {
    const fake = await emulator();
    fake.addUser({ id: 'U0NYC', name: 'cro', tz: 'America/New_York' });
    fake.addUser({ id: 'U0NOTZ', name: 'no-zone', tz: '' });
    const db = dbWithDeals(400);
    const res = await runDealfit(
      ['doctor', '--db', db],
      env(fake, { DEALFIT_DIGEST_USERS: 'U0NYC,U0GONE,U0NOTZ', DEALFIT_TIMEZONE: 'Europe/Paris' }),
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      /^\s+ok\s+@U0NYC: DEALFIT_DIGEST_USERS: the digest DM goes out Monday 08:00 America\/New_York$/m,
    );
    expect(res.stdout).toMatch(
      /^\s+warn\s+@U0GONE: DEALFIT_DIGEST_USERS: Slack knows no user U0GONE: their weekly digest DM will fail$/m,
    );
    expect(res.stdout).toMatch(/Copy member ID.*or remove it from DEALFIT_DIGEST_USERS/);
    expect(res.stdout).toMatch(
      /^\s+ok\s+@U0NOTZ: .*Monday 08:00 Europe\/Paris \(Slack gives no zone: DEALFIT_TIMEZONE\)$/m,
    );
    // without users:read the people cannot be checked: said, with the scope to grant
    const narrow = await emulator(manifestBotScopes().filter((s) => s !== 'users:read'));
    const noScope = await runDealfit(
      ['doctor', '--db', db],
      env(narrow, { DEALFIT_DIGEST_USERS: 'U0NYC' }),
    );
    expect(noScope.stdout).toMatch(/^\s+warn\s+scopes: missing scope users:read/m);
    expect(noScope.stdout).toMatch(
      /^\s+warn\s+@U0NYC: cannot check DEALFIT_DIGEST_USERS: the token lacks users:read/m,
    );
  });

  it('fails on a token Slack does not know, with the fix, and checks no further', async () => {
    const fake = await emulator();
    const db = dbWithDeals(0);
    const res = await runDealfit(
      ['doctor', '--db', db, '--json'],
      env(fake, { SLACK_BOT_TOKEN: 'xoxb-typo' }),
    );
    expect(res.code).toBe(1);
    const slack = (res.json() as DoctorReport).checks.filter((c) => c.area === 'slack');
    expect(slack).toEqual([
      expect.objectContaining({
        name: 'token',
        status: 'fail',
        fatal: true,
        detail: 'Slack refuses SLACK_BOT_TOKEN (invalid_auth)',
        fix: expect.stringMatching(/Bot User OAuth Token/),
      }),
    ]);
    expect(fake.callsTo('conversations.info')).toEqual([]);
  });

  it('names every unset channel and reports several bad variables at once', async () => {
    const db = dbWithDeals(0);
    const res = await runDealfit(['doctor', '--db', db, '--json'], {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: 'shh',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      DEALFIT_TIMEZONE: 'Mars/Base',
      PORT: 'eighty',
    });
    const report = res.json() as DoctorReport;
    const failed = report.checks.filter((c) => c.area === 'configuration' && c.status === 'fail');
    expect(failed.map((c) => c.name)).toEqual(['DEALFIT_TIMEZONE', 'PORT']);
    const unset = report.checks.filter((c) => c.status === 'warn' && /^not set: /.test(c.detail));
    expect(unset.map((c) => c.name)).toEqual([
      'DEALFIT_ALERTS_CHANNEL',
      'DEALFIT_MANAGERS_CHANNEL',
      'DEALFIT_OPS_CHANNEL',
    ]);
    // Slack unreachable: a failure, but not the token's fault
    expect(report.checks.find((c) => c.name === 'token')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/^auth\.test failed/),
    });
    expect(report.checks.find((c) => c.name === 'token')?.fatal).toBeUndefined();
  });

  it('logs in to Salesforce and reads the org limits when it is configured', async () => {
    const org = await startTestOrg({ opportunities: 5, apiLimit: 1000 });
    cleanups.push(org.cleanup);
    const db = dbWithDeals(0);
    const res = await runDealfit(['doctor', '--db', db, '--json'], org.env);
    const sf = (res.json() as DoctorReport).checks.filter((c) => c.area === 'salesforce');
    expect(sf).toEqual([
      expect.objectContaining({ name: 'login', status: 'ok', detail: 'logged in to acme-test' }),
      expect.objectContaining({
        name: 'api limit',
        status: 'ok',
        detail: expect.stringMatching(/^\d+ of 1,000 daily API requests left$/),
      }),
    ]);
    // the empty store's fix points at the sync, not at a CSV
    expect((res.json() as DoctorReport).checks.find((c) => c.name === 'deals')?.fix).toMatch(
      /dealfit sync salesforce/,
    );
    const bad = await runDealfit(['doctor', '--db', db, '--json'], {
      ...org.env,
      SALESFORCE_USERNAME: 'nobody@example.com',
    });
    expect(bad.code).toBe(1);
    expect((bad.json() as DoctorReport).checks.find((c) => c.area === 'salesforce')).toMatchObject({
      name: 'login',
      status: 'fail',
      fix: expect.stringMatching(/SALESFORCE_/),
    });
  });
});
