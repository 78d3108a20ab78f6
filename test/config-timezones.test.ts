import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { configIssuesOf } from './helpers/config-issues.js';
import { runDealfit } from './helpers/run-cli.js';

describe('channel time zones', () => {
  it('reads DEALFIT_CHANNEL_TIMEZONES and DEALFIT_DIGEST_CHANNELS', () => {
    const config = loadConfig({
      DEALFIT_TIMEZONE: 'Europe/London',
      DEALFIT_CHANNEL_TIMEZONES: ' C123=America/New_York , C456=Asia/Kolkata,',
      DEALFIT_DIGEST_CHANNELS: 'C456, C789',
    });
    expect(config.channelTimezones).toEqual({ C123: 'America/New_York', C456: 'Asia/Kolkata' });
    expect(config.channels.digest).toEqual(['C456', 'C789']);
    expect(loadConfig({}).channelTimezones).toEqual({});
    expect(loadConfig({}).channels.digest).toEqual([]);
  });

  it('names the field and the channel of each bad entry, one line each, with the other fields', () => {
    expect(
      configIssuesOf({
        DEALFIT_CHANNEL_TIMEZONES:
          'C123=America/Nowhere,#sales=UTC,C456,C789=UTC,C789=Asia/Tokyo,CGOOD=Asia/Kolkata',
        DEALFIT_DIGEST_CHANNELS: 'C1,#sales',
        DEALFIT_TIMEZONE: 'Mars/Base',
      }),
    ).toEqual([
      expect.stringMatching(/^DEALFIT_TIMEZONE: must be an IANA timezone/),
      expect.stringMatching(/^DEALFIT_DIGEST_CHANNELS: must be a comma-separated list/),
      'DEALFIT_CHANNEL_TIMEZONES: channel C123: "America/Nowhere" is not an IANA timezone such as Europe/Paris or Asia/Kolkata',
      expect.stringMatching(/^DEALFIT_CHANNEL_TIMEZONES: "#sales" must be a Slack channel id/),
      expect.stringMatching(
        /^DEALFIT_CHANNEL_TIMEZONES: "C456" must be <channel id>=<IANA timezone>/,
      ),
      'DEALFIT_CHANNEL_TIMEZONES: channel C789 is given two zones (UTC and Asia/Tokyo)',
    ]);
  });

  it('reads DEALFIT_DIGEST_USERS: user ids, or rep ids through DEALFIT_REP_USERS, each once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealfit-digest-users-'));
    const repUsers = join(dir, 'rep-users.json');
    writeFileSync(repUsers, JSON.stringify({ rep_19: 'U0DANA', rep_2: 'U0KIM' }));
    try {
      const config = loadConfig({
        DEALFIT_DIGEST_USERS: ' U0CRO, rep_19 ,U0DANA,W0GUEST,',
        DEALFIT_REP_USERS: repUsers,
      });
      // rep_19 is U0DANA: listed twice, DMed once
      expect(config.digestUsers).toEqual(['U0CRO', 'U0DANA', 'W0GUEST']);
      expect(loadConfig({}).digestUsers).toEqual([]);
      expect(
        configIssuesOf({ DEALFIT_DIGEST_USERS: 'U0CRO,@dana,rep_7', DEALFIT_REP_USERS: repUsers }),
      ).toEqual([
        'DEALFIT_DIGEST_USERS: "@dana" is neither a Slack user id such as U0123ABC nor a rep id of DEALFIT_REP_USERS',
        'DEALFIT_DIGEST_USERS: "rep_7" is neither a Slack user id such as U0123ABC nor a rep id of DEALFIT_REP_USERS',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops the CLI with exit 2 on an invalid zone', async () => {
    const res = await runDealfit(['jobs', 'list'], {
      DEALFIT_CHANNEL_TIMEZONES: 'C123=Asia/Bangalore',
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('DEALFIT_CHANNEL_TIMEZONES: channel C123: "Asia/Bangalore"');
  });
});
