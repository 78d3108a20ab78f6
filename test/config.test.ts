import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, inspectConfig, loadConfig, readEnvFile } from '../src/config.js';
import { configIssuesOf } from './helpers/config-issues.js';

const issuesOf = configIssuesOf;

describe('loadConfig', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('has sensible defaults and no Slack when no bot token is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ dbPath: './data/dealfit.db', port: 3000, slack: null });
    expect(config.channels).toEqual({
      alerts: undefined,
      managers: undefined,
      ops: undefined,
      digest: [],
    });
  });

  it('reads HTTP mode: bot token plus signing secret, channels and API URL', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'shh',
      PORT: '0',
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
      DEALFIT_ALERTS_CHANNEL: 'C0ALERTS',
      DEALFIT_MANAGERS_CHANNEL: 'C0MGRS',
      DEALFIT_OPS_CHANNEL: 'G0OPS',
    });
    expect(config.slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 'shh',
      appToken: undefined,
      apiUrl: 'http://127.0.0.1:4000/api/',
    });
    expect(config.port).toBe(0);
    expect(config.channels).toEqual({
      alerts: 'C0ALERTS',
      managers: 'C0MGRS',
      ops: 'G0OPS',
      digest: [],
    });
  });

  it('accepts Socket Mode without a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(config.slack?.appToken).toBe('xapp-1');
    expect(config.slack?.signingSecret).toBeUndefined();
  });

  it('reports every bad field on its own line', () => {
    const issues = issuesOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_APP_TOKEN: 'nope',
      PORT: '70000',
      DEALFIT_ALERTS_CHANNEL: '#sales',
      SLACK_API_URL: 'ftp://x/api',
    });
    const fields = issues.map((i) => i.split(':')[0]);
    expect(fields).toEqual(
      expect.arrayContaining([
        'SLACK_BOT_TOKEN',
        'SLACK_APP_TOKEN',
        'PORT',
        'DEALFIT_ALERTS_CHANNEL',
        'SLACK_API_URL',
      ]),
    );
    expect(issues.find((i) => i.startsWith('DEALFIT_ALERTS_CHANNEL'))).toContain('channel id');
  });

  it('checks DEALFIT_TIMEZONE with the other fields: one line, listed with every other bad one', () => {
    const issues = issuesOf({ DEALFIT_TIMEZONE: 'Mars/Base', PORT: 'eighty' });
    expect(issues).toEqual([
      'DEALFIT_TIMEZONE: must be an IANA timezone such as Europe/Paris, America/New_York or UTC',
      expect.stringMatching(/^PORT: /),
    ]);
    expect(loadConfig({ DEALFIT_TIMEZONE: ' Europe/Paris ' }).timezone).toBe('Europe/Paris');
    expect(loadConfig({ DEALFIT_TIMEZONE: '' }).timezone).toBe('UTC');
  });

  it('chooses the PostgreSQL store by a postgres:// DATABASE_URL; SQLite when unset or blank', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    const url = 'postgres://dealfit:secret@db.internal:5432/dealfit';
    expect(loadConfig({ DATABASE_URL: ` ${url} ` }).databaseUrl).toBe(url);
    expect(issuesOf({ DATABASE_URL: 'mysql://db/dealfit' })).toEqual([
      'DATABASE_URL: must be a postgres:// URL',
    ]);
  });

  it('inspects an environment without stopping: its issues, and a config with them unset', () => {
    const { issues, config } = inspectConfig({
      DEALFIT_TIMEZONE: 'Mars/Base',
      DEALFIT_OPS_CHANNEL: '#ops',
      DEALFIT_ALERTS_CHANNEL: 'C0ALERTS',
      SLACK_BOT_TOKEN: 'xoxb-1',
    });
    expect(issues.map((i) => i.split(':')[0])).toEqual([
      'DEALFIT_TIMEZONE',
      'DEALFIT_OPS_CHANNEL',
      'SLACK_SIGNING_SECRET',
    ]);
    expect(config.timezone).toBe('UTC');
    expect(config.channels).toEqual({
      alerts: 'C0ALERTS',
      managers: undefined,
      ops: undefined,
      digest: [],
    });
    // the signing secret's rule needs the whole Slack group unset
    expect(config.slack).toBeNull();
    expect(inspectConfig({ DEALFIT_DB: 'x.db' })).toEqual({
      issues: [],
      config: loadConfig({ DEALFIT_DB: 'x.db' }),
    });
  });

  it('requires the signing secret in HTTP mode and the bot token with an app token', () => {
    expect(issuesOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET: required in HTTP mode/),
    ]);
    expect(issuesOf({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN/),
    ]);
  });

  it('reads a dotenv file, quotes and comments included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealfit-env-'));
    dirs.push(dir);
    const path = join(dir, '.env');
    writeFileSync(path, '# comment\nPORT=4123\nSLACK_SIGNING_SECRET="a b#c"\n');
    expect(readEnvFile(path)).toEqual({ PORT: '4123', SLACK_SIGNING_SECRET: 'a b#c' });
    expect(readEnvFile(join(dir, 'missing.env'))).toEqual({});
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(resolve(import.meta.dirname, '../.env.example'), 'utf8');
    const listed = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...CONFIG_VARIABLES].sort());
    // and the example itself is a valid (Slack-less) configuration
    expect(loadConfig(readEnvFile(resolve(import.meta.dirname, '../.env.example'))).slack).toBe(
      null,
    );
  });
});
