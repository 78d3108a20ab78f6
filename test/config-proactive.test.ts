import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { configIssuesOf } from './helpers/config-issues.js';

const issuesOf = configIssuesOf;

describe('proactive configuration (alerts, co-leads, webhook)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function file(name: string, text: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'dealfit-cfg-'));
    dirs.push(dir);
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('has the documented defaults', () => {
    const { proactive } = loadConfig({});
    expect(proactive).toMatchObject({
      winRateThreshold: 0.43,
      alertBudget: 3,
      managerIds: [],
      repUsers: {},
      coleadExpiryDays: 7,
      coleadCapRatio: 0.8,
      webhookSecret: undefined,
    });
  });

  it('reads managers, the rep map file and the webhook secret without printing it', () => {
    const path = file('reps.json', '{"rep_19": "U019", "rep_23": "W023"}');
    const config = loadConfig({
      DEALFIT_MANAGER_IDS: ' U0MGR1 , U0MGR2',
      DEALFIT_MANAGER_GROUP: 'S0SALESMGRS',
      DEALFIT_REP_USERS: path,
      DEALFIT_WINRATE_THRESHOLD: '0.4',
      DEALFIT_WEBHOOK_SECRET: 'hook-secret',
    });
    expect(config.proactive.managerIds).toEqual(['U0MGR1', 'U0MGR2']);
    expect(config.proactive.managerGroup).toBe('S0SALESMGRS');
    expect(config.proactive.repUsers).toEqual({ rep_19: 'U019', rep_23: 'W023' });
    expect(config.proactive.winRateThreshold).toBe(0.4);
    expect(config.proactive.webhookSecret?.reveal()).toBe('hook-secret');
    expect(JSON.stringify(config)).not.toContain('hook-secret');
  });

  it('names the field and the problem for bad values', () => {
    expect(issuesOf({ DEALFIT_WINRATE_THRESHOLD: '43' })).toEqual([
      expect.stringMatching(/^DEALFIT_WINRATE_THRESHOLD: must be a fraction/),
    ]);
    expect(issuesOf({ DEALFIT_MANAGER_IDS: '@alice' })).toEqual([
      expect.stringMatching(/^DEALFIT_MANAGER_IDS: must be a comma-separated list/),
    ]);
    expect(issuesOf({ DEALFIT_MANAGER_GROUP: '@sales-managers' })).toEqual([
      expect.stringMatching(/^DEALFIT_MANAGER_GROUP: must be a Slack user group id/),
    ]);
    expect(issuesOf({ DEALFIT_REP_USERS: '/nope/reps.json' })).toEqual([
      'DEALFIT_REP_USERS: file /nope/reps.json does not exist',
    ]);
    const bad = file('bad.json', '{"rep_1": "alice"}');
    expect(issuesOf({ DEALFIT_REP_USERS: bad })).toEqual([
      expect.stringMatching(/"rep_1": must be a Slack user id/),
    ]);
    expect(issuesOf({ DEALFIT_REP_USERS: file('x.json', '{nope') })[0]).toMatch(/is not JSON/);
  });
});
