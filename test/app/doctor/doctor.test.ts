/**
 * The checks' decisions, on hand-made probe answers (the ports' contract): what is ok, a
 * warning or a failure, and which failure stops start-up. The probes themselves are tested
 * against the emulator, the fake Salesforce and real files (test/cli/doctor-command.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Check } from '../../../src/app/doctor/checks.js';
import { runDoctor } from '../../../src/app/doctor/doctor.js';
import { doctorText, startUpText } from '../../../src/app/doctor/doctor-text.js';
import type { DoctorSetup } from '../../../src/app/doctor/setup.js';
import { setupAlert } from '../../../src/app/doctor/setup-alert.js';
import type {
  DatabaseState,
  Probed,
  SlackChannel,
  SlackProbe,
} from '../../../src/app/ports/setup-probes.js';

const SCOPES = ['commands', 'chat:write', 'files:write', 'channels:read'];
const NOW = new Date('2026-03-10T12:00:00Z');

function setup(over: Partial<DoctorSetup> = {}): DoctorSetup {
  return {
    configIssues: [],
    timezone: 'Europe/Paris',
    dbPath: 'data/dealfit.db',
    slack: { mode: 'http' },
    channels: { alerts: 'C0ALERTS', managers: 'C0MGRS', ops: 'C0ALERTS' },
    salesforce: null,
    webhookSecret: null,
    manifestScopes: SCOPES,
    ...over,
  };
}

const healthyDb: DatabaseState = {
  migrations: { shipped: 7, applied: 7, latest: '0006_x' },
  deals: 1200,
  dataAsOf: '2026-03-09',
};

function slack(
  channels: Record<string, Probed<SlackChannel>>,
  scopes: string[] | null = SCOPES,
): SlackProbe & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    auth: async () => ({
      ok: true,
      value: { team: 'Acme', teamId: 'T1', botUserId: 'U1', scopes },
    }),
    channel: async (id) => {
      asked.push(id);
      return channels[id] ?? { ok: false, error: 'channel_not_found' };
    },
  };
}

const member = (id: string, name: string): Probed<SlackChannel> => ({
  ok: true,
  value: { id, name, isMember: true, isArchived: false },
});

async function doctor(o: {
  setup?: DoctorSetup;
  db?: Probed<DatabaseState>;
  slack?: SlackProbe | null;
}) {
  return runDoctor({
    setup: o.setup ?? setup(),
    database: { check: () => o.db ?? { ok: true, value: healthyDb } },
    slack:
      o.slack === undefined
        ? slack({ C0ALERTS: member('C0ALERTS', 'alerts'), C0MGRS: member('C0MGRS', 'mgrs') })
        : o.slack,
    salesforce: null,
    now: () => NOW,
  });
}

const byName = (checks: Check[], name: string) => checks.find((c) => c.name === name);

describe('dealfit doctor checks', () => {
  it('is all ok on a healthy setup, and asks each channel once whatever it serves', async () => {
    const probe = slack({ C0ALERTS: member('C0ALERTS', 'alerts'), C0MGRS: member('C0MGRS', 'm') });
    const r = await doctor({ slack: probe });
    expect(r.ok).toBe(true);
    expect(r.counts).toEqual({ ok: r.checks.length, warn: 0, fail: 0 });
    expect(probe.asked).toEqual(['C0ALERTS', 'C0MGRS']);
    expect(byName(r.checks, '#alerts')?.detail).toBe(
      'DEALFIT_ALERTS_CHANNEL, DEALFIT_OPS_CHANNEL: dealfit is a member (alerts and the weekly digest; ops alerts (failed syncs and jobs))',
    );
    expect(byName(r.checks, 'data age')?.detail).toBe('data as of 2026-03-09 (1 day ago)');
  });

  it('checks the further digest channels too (DEALFIT_DIGEST_CHANNELS)', async () => {
    const probe = slack({
      C0ALERTS: member('C0ALERTS', 'alerts'),
      C0MGRS: member('C0MGRS', 'm'),
      C0ADL: { ok: true, value: { id: 'C0ADL', name: 'adl', isMember: false, isArchived: false } },
    });
    const r = await doctor({
      setup: setup({ digestChannels: ['C0ADL', 'C0ALERTS'] }),
      slack: probe,
    });
    expect(probe.asked).toEqual(['C0ALERTS', 'C0MGRS', 'C0ADL']);
    expect(byName(r.checks, '#adl')).toMatchObject({
      status: 'warn',
      detail:
        'DEALFIT_DIGEST_CHANNELS: dealfit is not a member of #adl: weekly digest posts fail with not_in_channel',
    });
  });

  it('fails without chat:write (nothing can be posted), warns for any other missing scope', async () => {
    const noWrite = await doctor({
      slack: slack({}, ['commands', 'files:write', 'channels:read']),
    });
    expect(byName(noWrite.checks, 'scopes')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/^missing scope chat:write .*: nothing can be posted$/),
    });
    expect(byName(noWrite.checks, 'scopes')?.fatal).toBeUndefined();
    const unknown = await doctor({ slack: slack({}, null) });
    expect(byName(unknown.checks, 'scopes')?.status).toBe('warn');
  });

  it('says what is wrong with a channel: not found, archived, not readable', async () => {
    const r = await doctor({
      slack: slack({
        C0ALERTS: {
          ok: true,
          value: { id: 'C0ALERTS', name: 'old', isMember: true, isArchived: true },
        },
        C0MGRS: { ok: false, error: 'missing_scope', detail: 'groups:read' },
      }),
    });
    expect(byName(r.checks, '#old')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/#old is archived/),
    });
    expect(byName(r.checks, 'C0MGRS')).toMatchObject({
      status: 'warn',
      detail: 'cannot check DEALFIT_MANAGERS_CHANNEL: the token lacks groups:read',
    });
    const gone = await doctor({ slack: slack({}) });
    expect(byName(gone.checks, 'C0MGRS')?.detail).toMatch(/no channel C0MGRS that dealfit can see/);
  });

  it('marks only a refused token fatal; an unreachable Slack is a plain failure', async () => {
    const refused = await doctor({
      slack: {
        auth: async () => ({ ok: false, error: 'token_revoked' }),
        channel: async () => ({ ok: false, error: 'x' }),
      },
    });
    expect(refused.checks.filter((c) => c.fatal).map((c) => c.name)).toEqual(['token']);
    const down = await doctor({
      slack: {
        auth: async () => ({ ok: false, error: 'fetch failed' }),
        channel: async () => ({ ok: false, error: 'x' }),
      },
    });
    expect(byName(down.checks, 'token')).toMatchObject({
      status: 'fail',
      detail: 'auth.test failed: fetch failed',
    });
    expect(down.checks.some((c) => c.fatal)).toBe(false);
  });

  it('checks the store: pending migrations fail, old data warns, an empty store is quiet', async () => {
    const pending = await doctor({
      db: {
        ok: true,
        value: { ...healthyDb, migrations: { shipped: 7, applied: 5, latest: null } },
      },
    });
    expect(byName(pending.checks, 'migrations')).toMatchObject({
      status: 'fail',
      detail: '5 of 7 applied',
    });
    const old = await doctor({ db: { ok: true, value: { ...healthyDb, dataAsOf: '2025-12-01' } } });
    expect(byName(old.checks, 'data age')).toMatchObject({
      status: 'warn',
      detail: 'data as of 2025-12-01, 99 days ago: every figure is that old',
    });
    // with a sync every 6 hours, three days is already stale
    const synced = await doctor({
      setup: setup({ salesforce: { org: 'acme' } }),
      db: { ok: true, value: { ...healthyDb, dataAsOf: '2026-03-07' } },
    });
    expect(byName(synced.checks, 'data age')?.status).toBe('warn');
    const empty = await doctor({
      db: { ok: true, value: { ...healthyDb, deals: 0, dataAsOf: null } },
    });
    expect(byName(empty.checks, 'deals')).toMatchObject({ status: 'warn', quiet: true });
    expect(byName(empty.checks, 'data age')).toBeUndefined();
    const broken = await doctor({ db: { ok: false, error: 'file is not a database' } });
    expect(broken.checks.filter((c) => c.area === 'database')).toEqual([
      expect.objectContaining({ status: 'fail', detail: 'cannot open: file is not a database' }),
    ]);
  });

  it('reports the webhook secret and the configuration lines', async () => {
    const short = await doctor({ setup: setup({ webhookSecret: { length: 8 } }) });
    expect(byName(short.checks, 'DEALFIT_WEBHOOK_SECRET')?.status).toBe('warn');
    const bad = await doctor({
      setup: setup({
        configIssues: ['DEALFIT_TIMEZONE: must be an IANA timezone', 'PORT: too big'],
        slack: null,
      }),
      slack: null,
    });
    expect(bad.ok).toBe(false);
    expect(bad.checks.filter((c) => c.status === 'fail').map((c) => c.name)).toEqual([
      'DEALFIT_TIMEZONE',
      'PORT',
    ]);
    expect(byName(bad.checks, 'SLACK_BOT_TOKEN')?.status).toBe('warn');
  });

  it('prints every line with its fix, the start-up block only what needs attention', async () => {
    const r = await doctor({ setup: setup({ channels: { alerts: 'C0ALERTS' } }) });
    const text = doctorText(r);
    expect(text.split('\n')[0]).toBe('configuration');
    expect(text).toMatch(
      /\n {2}warn {2}DEALFIT_MANAGERS_CHANNEL: not set: .*\n {8}fix: invite @dealfit/,
    );
    expect(text.endsWith(`${r.counts.ok} ok, 2 warnings, 0 failures`)).toBe(true);
    const block = startUpText(r).split('\n');
    expect(block[0]).toBe(`setup checks: ${r.counts.ok} ok, 2 warnings, 0 failures`);
    expect(block.slice(1).filter((l) => !l.includes('fix:'))).toEqual([
      expect.stringMatching(/^ {2}warn {2}configuration DEALFIT_MANAGERS_CHANNEL: not set/),
      expect.stringMatching(/^ {2}warn {2}configuration DEALFIT_OPS_CHANNEL: not set/),
    ]);
  });

  it('words the ops alert: every problem in its context, at most three fixes', () => {
    const problems: Check[] = ['a', 'b', 'c', 'd'].map((n) => ({
      area: 'slack',
      name: n,
      status: 'warn',
      detail: `${n} is off`,
      fix: `fix ${n}`,
    }));
    const alert = setupAlert(problems);
    expect(alert).toMatchObject({
      key: 'setup-check',
      destination: 'ops',
      severity: 'MEDIUM',
      title: 'dealfit setup: 4 things to fix',
      context: ['slack a: a is off', 'slack b: b is off', 'slack c: c is off', 'slack d: d is off'],
      actions: ['fix a', 'fix b', 'fix c', 'Run `dealfit doctor` for the whole list'],
    });
    expect(setupAlert([{ ...problems[0]!, status: 'fail' }]).severity).toBe('HIGH');
  });
});
