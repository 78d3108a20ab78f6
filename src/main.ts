/**
 * `npm start`: load config -> create app -> start. With Slack configured it runs the Bolt
 * app (Socket Mode with SLACK_APP_TOKEN, else HTTP on PORT) until SIGTERM/SIGINT; without
 * a bot token it runs the local workspace (the same app against an embedded Slack, shown
 * in a browser page on 127.0.0.1:PORT).
 */

import { ConfigError, loadConfig } from './config.js';
import { startLocalMode } from './local/local-mode.js';
import { createApp } from './wiring/create-app.js';
import { type OpenStore, openStore } from './wiring/open-store.js';
import { SetupError } from './wiring/start-up-checks.js';

const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      err(`dealfit: ${error.message}\nSee .env.example for every variable.`);
      return 2;
    }
    throw error;
  }
  let stop: () => Promise<void>;
  if (config.slack) {
    // DATABASE_URL: the PostgreSQL store, opened (and migrated) before anything else; an
    // unreachable server stops start-up with its name (exit 1)
    let opened: OpenStore | undefined;
    if (config.databaseUrl) {
      try {
        opened = await openStore(config);
      } catch (error) {
        err(`dealfit: ${(error as Error).message}`);
        return 1;
      }
    }
    // the start-up checks log their block; an invalid token stops here with the fix
    const app = createApp(config, { checks: true, ...(opened ? { opened } : {}) });
    let running: Awaited<ReturnType<typeof app.start>>;
    try {
      running = await app.start();
    } catch (error) {
      await app.stop();
      if (error instanceof SetupError) {
        err(`dealfit: ${error.message}\nRun \`dealfit doctor\` for every check.`);
        return 1;
      }
      throw error;
    }
    stop = () => app.stop();
    out(
      running.mode === 'socket'
        ? `dealfit: connected to Slack in Socket Mode; GET /healthz and /metrics on port ${running.port}`
        : `dealfit: listening for Slack on port ${running.port} (/slack/events, GET /healthz, GET /metrics)`,
    );
  } else {
    out('dealfit: no Slack tokens configured: starting the local workspace (see README).');
    const local = await startLocalMode(config, { now: () => new Date(), log: out });
    stop = () => local.stop();
    out(`dealfit local workspace: ${local.url}`);
    local.ready.then(
      (summary) => out(`dealfit: ${summary}`),
      (error: unknown) => err(`dealfit: first runs failed: ${(error as Error).message}`),
    );
  }
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      out(`dealfit: ${signal} received, stopping`);
      resolve();
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  // A stuck connection must not keep the process alive forever after a stop request.
  const force = setTimeout(() => {
    err('dealfit: stop took longer than 10 s, exiting');
    process.exit(1);
  }, 10_000);
  force.unref();
  await stop();
  out('dealfit: stopped');
  // A Web API retry still pending (e.g. auth.test while Slack is unreachable) must not keep
  // the process alive until the 10 s guard fires: exit 0 shortly after a clean stop.
  setTimeout(() => process.exit(0), 500).unref();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    err(`dealfit: failed to start: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  },
);
