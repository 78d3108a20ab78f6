/** `npm start` as a real process: no-Slack fallback, HTTP mode with /healthz, SIGTERM. */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../src/local/slack-emulator/server.js';
import { createTempDbPath } from './helpers/test-db.js';

const ROOT = resolve(import.meta.dirname, '..');
// `npm start` runs `node --import tsx`: the tsx CLI's signal relay gives up on a child
// whose event loop is busy (the first metrics run) and kills it, so SIGTERM went unhandled.
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

function start(
  env: Record<string, string>,
  cwd: string,
): { child: ChildProcess; output: () => string } {
  let text = '';
  const child = spawn(process.execPath, ['--import', TSX_LOADER, resolve(ROOT, 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  child.stdout?.on('data', (d) => {
    text += d;
  });
  child.stderr?.on('data', (d) => {
    text += d;
  });
  return { child, output: () => text };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => child.once('exit', (code) => r(code)));
}

async function until(predicate: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Child processes start tsx and a query thread: slow on a busy machine, hence the timeouts.
describe('npm start (src/main.ts)', { timeout: 90_000 }, () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('without Slack tokens runs the local workspace on 127.0.0.1: seeded, served, stoppable', async () => {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const { child, output } = start({ DEALFIT_DB: tmp.path, PORT: '0' }, tmp.dir);
    cleanups.push(() => child.kill('SIGKILL'));
    await until(() => /local workspace: (http:\/\/\S+)/.test(output()), 60_000);
    const url = /local workspace: (http:\/\/\S+)/.exec(output())![1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output()).toMatch(/imported \d+ generated demo deals/);
    const page = await (await fetch(url)).text();
    expect(page).toContain('# revenue-alerts');
    expect(page).toContain('# sales-managers');
    expect(page).toContain('# revenue-ops');
    // the start-up catch-up posts through the real jobs; the metrics run is CPU-bound, so
    // stop once it is done (a SIGTERM while it runs is handled only after it)
    await until(
      () =>
        /dealfit: ready: #revenue-alerts [1-9]\d* messages, #sales-managers [1-9]/.test(output()),
      60_000,
    );
    // GET /metrics on the page's port, as beside /healthz in production: the catch-up's
    // job runs and the demo deals are in it
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^dealfit_job_runs_total\{job="metrics",status="succeeded"\} 1$/m);
    expect(metrics).toMatch(/^dealfit_deals\{state="closed"\} [1-9]\d*$/m);
    const code = exited(child);
    child.kill('SIGTERM');
    expect(await code).toBe(0);
  }, 90_000);

  it('stops with field-level errors on bad configuration', async () => {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const { child, output } = start(
      { SLACK_BOT_TOKEN: 'xoxb-1', PORT: 'eighty', DEALFIT_TIMEZONE: 'Mars/Base' },
      tmp.dir,
    );
    expect(await exited(child)).toBe(2);
    expect(output()).toMatch(/PORT: .*\n.*SLACK_SIGNING_SECRET: required in HTTP mode/s);
    // the timezone is one more field of the same list, not a stack trace after start-up
    expect(output()).toMatch(
      /invalid configuration:\n(?: {2}- .*\n)* {2}- DEALFIT_TIMEZONE: must be an IANA timezone such as Europe\/Paris/,
    );
    expect(output()).not.toMatch(/RangeError|failed to start|\bat /);
  });

  it('stops start-up with the fix when Slack refuses the token', async () => {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const fake = await SlackEmulator.start({ token: 'xoxb-the-real-one' });
    cleanups.push(() => fake.close());
    const { child, output } = start(
      {
        DEALFIT_DB: tmp.path,
        SLACK_BOT_TOKEN: 'xoxb-a-typo',
        SLACK_SIGNING_SECRET: 'shh',
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
      },
      tmp.dir,
    );
    cleanups.push(() => child.kill('SIGKILL'));
    expect(await exited(child)).toBe(1);
    expect(output()).toMatch(/setup checks: \d+ ok, \d+ warnings?, 1 failure/);
    expect(output()).toMatch(
      /dealfit: cannot start:\n {2}- slack token: Slack refuses SLACK_BOT_TOKEN \(invalid_auth\)\n {4}fix: copy the Bot User OAuth Token/,
    );
    expect(output()).not.toMatch(/listening for Slack/);
  });

  it('serves Slack over HTTP with /healthz and stops cleanly on SIGTERM', async () => {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const fake = await SlackEmulator.start();
    cleanups.push(() => fake.close());
    const { child, output } = start(
      {
        DEALFIT_DB: tmp.path,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'shh',
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
      },
      tmp.dir,
    );
    cleanups.push(() => child.kill('SIGKILL'));
    await until(() => /listening for Slack on port (\d+)/.test(output()));
    const port = /port (\d+)/.exec(output())![1];
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, db: { ok: true } });
    // with tokens, nothing of the local workspace is served: no page, no assets, no API
    for (const path of ['/', '/assets/app.js', '/partial', '/events']) {
      expect((await fetch(`http://127.0.0.1:${port}${path}`)).status).toBe(404);
    }
    const api = await fetch(`http://127.0.0.1:${port}/api/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'U0CRO', channel: 'C0REVOPS', text: '/winrate' }),
    });
    expect(api.status).toBe(404);
    // without botId the app identifies itself with auth.test at start-up
    expect(fake.callsTo('auth.test').length).toBeGreaterThan(0);
    // and GET /metrics counted it, through the HTTP thread's fetch the running app uses
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    const okCalls =
      /^dealfit_slack_api_calls_total\{method="auth\.test",outcome="ok"\} (\d+)$/m.exec(text);
    expect(Number(okCalls?.[1])).toBe(fake.callsTo('auth.test').length);
    const code = exited(child);
    child.kill('SIGTERM');
    expect(await code).toBe(0);
    expect(output()).toContain('SIGTERM received, stopping');
    expect(output()).not.toContain('local workspace:');
  });
});
