import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/adapters/storage/database.js';
import { NO_EFFECTS } from '../../src/domain/demo-deals.js';
import { SlackEmulator } from '../../src/local/slack-emulator/server.js';
import { insertDemoDeals } from '../helpers/demo-db.js';
import { runDealfit } from '../helpers/run-cli.js';
import { createTempDbPath } from '../helpers/test-db.js';

describe('dealfit jobs / colead', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  function store() {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const db = openDatabase(tmp.path);
    insertDemoDeals(db, { deals: 3000 });
    closeDatabase(db);
    return tmp.path;
  }

  it('lists the jobs with their next run in the configured timezone', async () => {
    const db = store();
    const res = await runDealfit(['jobs', 'list', '--db', db, '--json'], {
      DEALFIT_TIMEZONE: 'America/New_York',
    });
    expect(res.code).toBe(0);
    const rows = res.json() as Array<{ name: string; cron: string; next: string; last: unknown }>;
    expect(rows.map((r) => [r.name, r.cron])).toEqual([
      ['sync', '0 */6 * * *'],
      ['metrics', '0 6 * * *'],
      ['drivers', '0 5 * * 0'],
      ['colead-expiry', '30 6 * * *'],
      ['digest', '0 8 * * 1'],
      ['audit', '0 9 1 * *'],
    ]);
    const digest = rows.find((r) => r.name === 'digest');
    // Monday 08:00 in New York is 12:00 or 13:00 UTC
    expect(digest?.next).toMatch(/T1[23]:00:00\.000Z$/);
    expect(new Date(digest?.next ?? '').getUTCDay()).toBe(1);
    expect(digest?.last).toBeNull();
  });

  it("lists each destination zone's job with its next run in that zone, and runs one by name", async () => {
    const db = store();
    const env = {
      DEALFIT_TIMEZONE: 'UTC',
      DEALFIT_ALERTS_CHANNEL: 'C0ALERTS',
      DEALFIT_MANAGERS_CHANNEL: 'C0MGRS',
      DEALFIT_DIGEST_CHANNELS: 'C0ADL',
      DEALFIT_CHANNEL_TIMEZONES: 'C0ADL=Australia/Adelaide,C0MGRS=Asia/Kolkata',
    };
    const res = await runDealfit(['jobs', 'list', '--db', db, '--json'], env);
    expect(res.code).toBe(0);
    const rows = res.json() as Array<{
      name: string;
      timezone: string;
      channels: string[];
      next: string;
      nextLocal: string;
    }>;
    const row = (name: string) => rows.find((r) => r.name === name);
    expect(rows.map((r) => r.name)).toEqual([
      'sync',
      'metrics',
      'drivers',
      'colead-expiry',
      'digest',
      'digest@Australia/Adelaide',
      'audit',
    ]);
    expect(row('digest')).toMatchObject({ timezone: 'UTC', channels: ['C0ALERTS'] });
    expect(row('digest')?.nextLocal).toMatch(/^\d{4}-\d\d-\d\d 08:00 UTC$/);
    const adl = row('digest@Australia/Adelaide');
    expect(adl).toMatchObject({ timezone: 'Australia/Adelaide', channels: ['C0ADL'] });
    expect(adl?.nextLocal).toMatch(/^\d{4}-\d\d-\d\d 08:00 Australia\/Adelaide$/);
    // Monday 08:00 in Adelaide is Sunday evening in UTC (22:30 or 21:30)
    expect(new Date(adl?.next ?? '').getUTCDay()).toBe(0);
    expect(row('audit')?.nextLocal).toMatch(/^\d{4}-\d\d-01 09:00 Asia\/Kolkata$/);
    const text = await runDealfit(['jobs', 'list', '--db', db], env);
    expect(text.stdout).toMatch(/digest@Australia\/Adelaide .* 08:00 Australia\/Adelaide to C0ADL/);

    expect((await runDealfit(['metrics', 'run', '--db', db])).code).toBe(0);
    const run = await runDealfit(
      ['jobs', 'run', 'digest@Australia/Adelaide', '--dry-run', '--db', db],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--- would post to C0ADL:');
    expect(run.stdout).not.toContain('C0ALERTS');
    const unknown = await runDealfit(['jobs', 'run', 'digest@Asia/Tokyo', '--db', db], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('digest@Australia/Adelaide');
  });

  it("lists each digest person with their Slack zone and next run there, and runs a person's zone by name", async () => {
    const db = store();
    const fake = await SlackEmulator.start({
      users: [
        { id: 'U0NYC', name: 'cro', tz: 'America/New_York' },
        { id: 'U0BLR', name: 'manager', tz: 'Asia/Kolkata' },
        { id: 'U0NOTZ', name: 'no-zone', tz: '' },
      ],
    });
    cleanups.push(() => void fake.close());
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'shh',
      SLACK_API_URL: fake.apiUrl,
      DEALFIT_TIMEZONE: 'Europe/London',
      DEALFIT_ALERTS_CHANNEL: 'C0ALERTS',
      DEALFIT_DIGEST_USERS: 'U0NYC,U0BLR,U0NOTZ',
    };
    const res = await runDealfit(['jobs', 'list', '--db', db, '--json'], env);
    expect(res.code).toBe(0);
    const rows = res.json() as Array<{
      name: string;
      users: string[];
      destinations: string[];
      nextLocal: string;
    }>;
    const digests = rows.filter((r) => r.name.startsWith('digest'));
    expect(digests.map((r) => [r.name, r.destinations])).toEqual([
      ['digest', ['C0ALERTS', '@U0NOTZ (Europe/London: no Slack zone, DEALFIT_TIMEZONE)']],
      ['digest@America/New_York', ['@U0NYC (America/New_York)']],
      ['digest@Asia/Kolkata', ['@U0BLR (Asia/Kolkata)']],
    ]);
    expect(digests[2]?.nextLocal).toMatch(/^\d{4}-\d\d-\d\d 08:00 Asia\/Kolkata$/);
    const text = await runDealfit(['jobs', 'list', '--db', db], env);
    expect(text.stdout).toMatch(
      /digest@America\/New_York .* 08:00 America\/New_York to @U0NYC \(America\/New_York\)/,
    );

    expect((await runDealfit(['metrics', 'run', '--db', db])).code).toBe(0);
    const run = await runDealfit(
      ['jobs', 'run', 'digest@Asia/Kolkata', '--dry-run', '--db', db],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--- would post to @U0BLR:');
    expect(run.stdout).not.toContain('@U0NYC');
    expect(fake.messages).toEqual([]);
  });

  it('runs a job dry: prints the Slack payload, posts and stores nothing', async () => {
    const db = store();
    expect((await runDealfit(['metrics', 'run', '--db', db])).code).toBe(0);
    const res = await runDealfit(['jobs', 'run', 'digest', '--dry-run', '--db', db], {
      DEALFIT_ALERTS_CHANNEL: 'C0ALERTS',
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^digest \(.*\): succeeded/);
    expect(res.stdout).toContain('--- would post to C0ALERTS:');
    expect(res.stdout).toContain('Weekly sales intelligence digest');
    const list = await runDealfit(['jobs', 'list', '--db', db, '--json']);
    expect(
      (list.json() as Array<{ name: string; last: unknown }>).find((r) => r.name === 'digest')
        ?.last,
    ).toBeNull();
  });

  it('refuses to post without Slack and rejects an unknown job', async () => {
    const db = store();
    const noSlack = await runDealfit(['jobs', 'run', 'digest', '--db', db]);
    expect(noSlack.code).toBe(1);
    expect(noSlack.stderr).toMatch(/Slack is not configured.*--dry-run/);
    const unknown = await runDealfit(['jobs', 'run', 'nope', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown job "nope": one of sync, metrics/);
  });

  it('proposes co-leads dry for the RED deals of the last metrics run, then lists none stored', async () => {
    const db = store();
    await runDealfit(['metrics', 'run', '--db', db]);
    const res = await runDealfit(['colead', 'propose', '--dry-run', '--db', db, '--json'], {
      DEALFIT_MANAGERS_CHANNEL: 'C0MGRS',
    });
    expect(res.code).toBe(0);
    const out = res.json() as { dryRun: boolean; proposals: Array<{ status: string }> };
    expect(out.dryRun).toBe(true);
    expect(out.proposals.filter((p) => p.status === 'proposed').length).toBeGreaterThan(0);
    const list = await runDealfit(['colead', 'list', '--db', db]);
    expect(list.stdout).toBe('no co-lead proposals yet');
  });

  interface ProposeJson {
    evidence: {
      auc: { value: number; ci: [number, number] } | null;
      weak: boolean;
      association: string;
      sentence: string;
    };
    withheld: boolean;
    proposals: Array<{
      status: string;
      dealId: string;
      ownerRepId: string;
      coleadRepId: string | null;
      industry: string;
      lift: { value: number; ci: [number, number]; credible: boolean } | null;
      alternates: string[];
    }>;
  }

  async function proposeDry(effects: typeof NO_EFFECTS, env: Record<string, string> = {}) {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const db = openDatabase(tmp.path);
    insertDemoDeals(db, { deals: 6000, effects });
    closeDatabase(db);
    // the driver model in use says whether fit goes with winning on this data
    expect((await runDealfit(['jobs', 'run', 'drivers', '--dry-run', '--db', tmp.path])).code).toBe(
      0,
    );
    await runDealfit(['metrics', 'run', '--db', tmp.path]);
    const res = await runDealfit(['colead', 'propose', '--dry-run', '--db', tmp.path, '--json'], {
      DEALFIT_MANAGERS_CHANNEL: 'C0MGRS',
      ...env,
    });
    expect(res.code).toBe(0);
    return res.json() as ProposeJson;
  }

  it('lists each proposal with its lift in probability units and the batch evidence (planted skill)', async () => {
    const out = await proposeDry({ ...NO_EFFECTS, repIndustrySkillSd: 0.6 });
    expect(out.evidence.association).toBe('associated');
    expect(out.evidence.auc!.ci[0]).toBeGreaterThan(0.5);
    expect(out.evidence.weak).toBe(false);
    expect(out.withheld).toBe(false);
    const proposed = out.proposals.filter((p) => p.status === 'proposed');
    expect(proposed.length).toBeGreaterThan(0);
    for (const p of proposed) {
      expect(p).toMatchObject({
        dealId: expect.stringMatching(/^D\d+$/),
        ownerRepId: expect.stringMatching(/^rep_/),
        industry: expect.any(String),
        alternates: expect.any(Array),
      });
      if (!p.lift) continue;
      expect(Math.abs(p.lift.value)).toBeLessThan(1);
      expect(p.lift.ci[0]).toBeLessThan(p.lift.value);
      // credible exactly when the interval lies above 0, never otherwise
      expect(p.lift.credible).toBe(p.lift.ci[0] > 0);
    }
  });

  it('withholds the batch on pure noise and says why; DEALFIT_COLEAD_WHEN_WEAK=propose proposes anyway', async () => {
    const out = await proposeDry(NO_EFFECTS);
    expect(out.evidence.association).toBe('chance');
    expect(out.evidence.weak).toBe(true);
    expect(out.withheld).toBe(true);
    expect(out.evidence.sentence).toMatch(
      /not distinguishable from chance on your data \(AUC 0\.\d\d/,
    );
    const withheld = out.proposals.filter((p) => p.status === 'withheld');
    expect(withheld.length).toBeGreaterThan(0);
    expect(out.proposals.some((p) => p.status === 'proposed')).toBe(false);
    for (const p of withheld) expect(p.lift?.credible ?? false).toBe(false);
    const anyway = await proposeDry(NO_EFFECTS, { DEALFIT_COLEAD_WHEN_WEAK: 'propose' });
    expect(anyway.withheld).toBe(false);
    expect(anyway.evidence.weak).toBe(true);
    expect(anyway.proposals.filter((p) => p.status === 'proposed').length).toBe(withheld.length);
  });
});
