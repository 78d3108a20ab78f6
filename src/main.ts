/**
 * `npm start`: load config -> create app -> start. With Slack configured it runs the Bolt
 * app (Socket Mode with SLACK_APP_TOKEN, else HTTP on PORT) until SIGTERM/SIGINT; without
 * a bot token it says so, prints the store status and exits 0.
 */

import { createApp } from './app/create-app.js';
import { commands } from './cli/commands.js';
import { runCli } from './cli/run-cli.js';
import { ConfigError, loadConfig } from './config.js';

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
  if (!config.slack) {
    out('dealfit: Slack is not configured (set SLACK_BOT_TOKEN; see README "Slack setup").');
    out('Here is the store status instead:\n');
    return runCli(commands, ['status', '--db', config.dbPath], { io: { out, err, isTty: false } });
  }
  const app = createApp(config);
  const running = await app.start();
  out(
    running.mode === 'socket'
      ? `dealfit: connected to Slack in Socket Mode; GET /healthz on port ${running.port}`
      : `dealfit: listening for Slack on port ${running.port} (/slack/events, GET /healthz)`,
  );
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
  await app.stop();
  out('dealfit: stopped');
  // Exit now: a Web API retry still pending (e.g. auth.test while Slack is unreachable)
  // would otherwise keep the process alive until the 10 s guard fires.
  process.exit(0);
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
