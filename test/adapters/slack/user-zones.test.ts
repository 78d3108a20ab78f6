/**
 * UserZones over users.info against the Slack emulator: a person's `tz`, asked once a day
 * (the cache), shared by concurrent asks, and null (uncached) when Slack cannot say.
 */
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackUserZones, USER_ZONE_TTL_MS } from '../../../src/adapters/slack/user-zones.js';
import { SlackEmulator } from '../../../src/local/slack-emulator/server.js';

describe('user zones from users.info', () => {
  let fake: SlackEmulator;
  let client: webApi.WebClient;

  beforeEach(async () => {
    fake = await SlackEmulator.start({
      users: [
        { id: 'U0CRO', name: 'cro', tz: 'America/New_York' },
        { id: 'U0MGR', name: 'manager', tz: 'Asia/Kolkata' },
        { id: 'U0ODD', name: 'odd', tz: 'Mars/Olympus_Mons' },
      ],
    });
    client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logLevel: webApi.LogLevel.ERROR,
    });
  });
  afterEach(async () => {
    await fake.close();
  });

  it("answers each person's Slack zone and asks users.info once a day per person", async () => {
    let at = new Date('2024-07-01T08:00:00Z');
    const zones = createSlackUserZones(client, { now: () => at });
    const [cro, mgr, again] = await Promise.all([
      zones.zoneOf('U0CRO'),
      zones.zoneOf('U0MGR'),
      zones.zoneOf('U0CRO'),
    ]);
    expect([cro, mgr, again]).toEqual(['America/New_York', 'Asia/Kolkata', 'America/New_York']);
    expect(fake.callsTo('users.info')).toHaveLength(2);
    at = new Date(at.getTime() + USER_ZONE_TTL_MS - 1);
    expect(await zones.zoneOf('U0CRO')).toBe('America/New_York');
    expect(fake.callsTo('users.info')).toHaveLength(2);
    // a day later the person may have moved: asked again
    at = new Date(at.getTime() + 1);
    expect(await zones.zoneOf('U0CRO')).toBe('America/New_York');
    expect(fake.callsTo('users.info')).toHaveLength(3);
  });

  it('answers null, and asks again next time, for an unknown user or zone', async () => {
    const lines: string[] = [];
    const zones = createSlackUserZones(client, { log: (l) => lines.push(l) });
    expect(await zones.zoneOf('U0NOBODY')).toBeNull();
    expect(lines).toEqual([expect.stringMatching(/^users.info U0NOBODY: .*user_not_found/)]);
    expect(await zones.zoneOf('U0ODD')).toBeNull();
    expect(await zones.zoneOf('U0ODD')).toBeNull();
    expect(fake.callsTo('users.info')).toHaveLength(3);
  });
});
