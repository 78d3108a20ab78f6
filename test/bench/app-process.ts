/**
 * What bench:slack and bench:ask share: the real app (`src/main.ts`, its own process, HTTP
 * mode) on loopback with the shared deals, the fake Slack Web API in a third process
 * (fake-slack-process.ts), a closed loop of N requests K in flight, and the slash-command
 * burst both report.
 *
 * The measured bursts start after the app's start-up catch-up ("job catch-up done"): on a
 * fresh database every job is due, and the metrics run and the driver refit keep one of the
 * two cores busy for a few seconds, so whether a burst overlapped them used to decide its
 * p99 more than anything the app does per request.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { closeDatabase, openDatabase } from '../../src/adapters/storage/database.js';
import { postCommand } from '../helpers/slack-requests.js';
import { createTempDbPath } from '../helpers/test-db.js';
import { loadSharedDeals } from '../public-data/shared-deals.js';

export const SECRET = 'bench-signing-secret';
const ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

/** The q-quantile (nearest rank), to `digits` decimals; null when nothing was measured. */
export function quantile(values: number[], q: number, digits = 1): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round((sorted[i] ?? Number.NaN) * 10 ** digits) / 10 ** digits;
}

export function percentiles(values: number[]) {
  return { p50: quantile(values, 0.5), p99: quantile(values, 0.99), max: quantile(values, 1) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the fake Slack received: response_url answers, bot posts, completed uploads. */
export interface Dump {
  responses: Array<{ id: string; at: number; text: string; chartNotDrawn: boolean }>;
  posts: Array<{ channel: string; threadTs: string | null; at: number; text: string }>;
  uploads: number;
}

export interface BenchApp {
  /** where Slack's signed requests go */
  url: string;
  startupMs: number;
  /** from "listening" to the end of the start-up catch-up */
  catchUpMs: number;
  /** a response_url the fake answers, unique per call, and its id */
  responseUrl(): { url: string; id: string };
  dump(): Promise<Dump>;
  /** the app's stdout and stderr so far */
  output(): string;
  /** CPU time (user + system, every thread) the app's processes have used so far, in ms:
   *  unlike a latency, it does not depend on what else the machine is doing */
  cpuMs(): number;
  stop(): Promise<void>;
}

async function waitForOutput(
  app: ChildProcess,
  output: () => string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(output());
    if (match) return match;
    if (app.exitCode !== null || performance.now() > deadline) {
      throw new Error(`app: no ${pattern} in time:\n${output().slice(-4000)}`);
    }
    await sleep(20);
  }
}

export async function startBenchApp(): Promise<BenchApp> {
  const tmp = createTempDbPath();
  const db = openDatabase(tmp.path);
  loadSharedDeals(db);
  closeDatabase(db);

  const fake = spawn(TSX, [resolve(import.meta.dirname, 'fake-slack-process.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const replies = createInterface({ input: fake.stdout! })[Symbol.asyncIterator]();
  const readLine = async () => String((await replies.next()).value ?? '');
  const fakeInfo = JSON.parse(await readLine()) as { apiUrl: string; base: string };

  // BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the app (node refuses
  // --cpu-prof in NODE_OPTIONS, so the app then runs as node --import tsx)
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const tsxLoader = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/esm/index.mjs')).href;
  const main = resolve(ROOT, 'src/main.ts');
  const app = spawn(
    nodeArgs.length > 0 ? process.execPath : TSX,
    nodeArgs.length > 0 ? [...nodeArgs, '--import', tsxLoader, main] : [main],
    {
      cwd: tmp.dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DEALFIT_DB: tmp.path,
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fakeInfo.apiUrl,
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  app.stdout.on('data', (d) => {
    output += d;
  });
  app.stderr.on('data', (d) => {
    output += d;
  });
  const startedAt = performance.now();
  const port = (
    await waitForOutput(app, () => output, /listening for Slack on port (\d+)/, 120_000)
  )[1];
  const startupMs = performance.now() - startedAt;
  await waitForOutput(app, () => output, /job catch-up (done|failed)/, 120_000);
  const catchUpMs = performance.now() - startedAt - startupMs;

  let responseSeq = 0;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    startupMs,
    catchUpMs,
    responseUrl() {
      const id = `B${++responseSeq}`;
      return { url: `${fakeInfo.base}response/${id}`, id };
    },
    async dump() {
      fake.stdin!.write('dump\n');
      return JSON.parse(await readLine()) as Dump;
    },
    output: () => output,
    cpuMs: () => (app.pid === undefined ? 0 : processTreeCpuMs(app.pid)),
    async stop() {
      app.kill('SIGTERM');
      if (app.exitCode === null) await new Promise((r) => app.once('exit', r));
      fake.stdin!.end();
      if (fake.exitCode === null) await new Promise((r) => fake.once('exit', r));
      tmp.cleanup();
    },
  };
}

/** utime + stime of `pid` and its descendants (Linux /proc; `tsx` runs the app in a child). */
function processTreeCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command's closing parenthesis; utime and stime are 14th and 15th
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
    // USER_HZ is 100 on Linux
    return ticks * 10 + children.reduce((sum, child) => sum + processTreeCpuMs(child), 0);
  } catch {
    return 0; // not Linux, or the process has gone
  }
}

/** Runs `send(0..total-1)`, `concurrency` at a time, each starting when one ends; ms taken. */
export async function closedLoop(
  total: number,
  concurrency: number,
  send: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < total) await send(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - start;
}

/** Polls the fake until `done(dump)` or `timeoutMs`; returns the last dump. */
export async function waitForDump(
  app: BenchApp,
  done: (d: Dump) => boolean,
  timeoutMs: number,
): Promise<Dump> {
  const deadline = Date.now() + timeoutMs;
  let dump = await app.dump();
  while (!done(dump) && Date.now() < deadline) {
    await sleep(50);
    dump = await app.dump();
  }
  return dump;
}

const COMMANDS: Array<[string, string]> = [
  ['/winrate', 'industry all'],
  ['/winrate', 'industry'],
  ['/winrate', 'region'],
  ['/winrate', 'lead all'],
  ['/winrate', 'product'],
  ['/winrate', 'rep'],
  ['/winrate', ''],
  ['/rsfs', 'D00003'],
  ['/rsfs', 'D04521'],
  ['/rsfs', 'D01234'],
  ['/audit', ''],
  ['/audit', '2024-05'],
  ['/winrate', 'territory'],
];

/**
 * The slash-command burst: first `serial` commands one at a time (each waits for its
 * answer: the per-command cost without queueing), then `total` with `concurrency` in
 * flight. Ack = HTTP response to the signed request; follow-up = request sent -> first
 * response_url answer received by the fake Slack.
 */
export async function slashCommandBurst(
  app: BenchApp,
  o: { total: number; concurrency: number; serial: number },
) {
  const uploadsBefore = (await app.dump()).uploads;
  const serialAcks: number[] = [];
  for (let i = 0; i < o.serial; i++) {
    const [command, text] = COMMANDS[i % COMMANDS.length]!;
    const target = app.responseUrl();
    const t0 = performance.now();
    const res = await postCommand(app.url, SECRET, { command, text, responseUrl: target.url });
    await res.arrayBuffer();
    serialAcks.push(performance.now() - t0);
    await waitForDump(app, (d) => d.responses.some((r) => r.id === target.id), 60_000);
  }

  const acks: number[] = [];
  const sentAt = new Map<string, number>();
  let failures = 0;
  const burstStart = Date.now();
  const ackPhaseMs = await closedLoop(o.total, o.concurrency, async (i) => {
    const [command, text] = COMMANDS[i % COMMANDS.length]!;
    const target = app.responseUrl();
    const t0 = performance.now();
    sentAt.set(target.id, Date.now());
    try {
      const res = await postCommand(app.url, SECRET, { command, text, responseUrl: target.url });
      await res.arrayBuffer();
      acks.push(performance.now() - t0);
      if (res.status !== 200) failures++;
    } catch (error) {
      failures++;
      process.stderr.write(`command ${i} failed: ${(error as Error).cause ?? error}\n`);
    }
  });
  const answered = (d: Dump) =>
    new Set(d.responses.map((r) => r.id).filter((id) => sentAt.has(id)));
  await waitForDump(app, (d) => answered(d).size >= o.total, 120_000);
  // let the last chart uploads finish before counting them: until a second passes without one
  let final = await app.dump();
  for (let quiet = 0; quiet < 1000; quiet += 250) {
    await sleep(250);
    const now = await app.dump();
    if (now.uploads !== final.uploads) quiet = 0;
    final = now;
  }
  const firstAnswer = new Map<string, number>();
  for (const r of final.responses) {
    if (sentAt.has(r.id) && !firstAnswer.has(r.id)) firstAnswer.set(r.id, r.at);
  }
  const followups = [...firstAnswer].map(([id, at]) => at - (sentAt.get(id) ?? at));
  return {
    commands: o.total,
    concurrency: o.concurrency,
    distinctQuestions: COMMANDS.length,
    ackMs: percentiles(acks),
    ackMsSerial: { p50: quantile(serialAcks, 0.5), max: quantile(serialAcks, 1) },
    followupMs: percentiles(followups),
    /** burst start -> the last first answer: the whole burst answered */
    lastAnswerMs: firstAnswer.size > 0 ? Math.max(...firstAnswer.values()) - burstStart : null,
    answered: firstAnswer.size,
    non200Acks: failures,
    errorReplies: final.responses.filter(
      (r) => sentAt.has(r.id) && r.text.startsWith('Something went wrong'),
    ).length,
    uploads: final.uploads - uploadsBefore,
    chartsNotDrawn: final.responses.filter((r) => sentAt.has(r.id) && r.chartNotDrawn).length,
    uploadFailedReplies: final.responses.filter(
      (r) => sentAt.has(r.id) && r.text.startsWith('The chart could not be posted'),
    ).length,
    ackPhaseMs: Math.round(ackPhaseMs),
  };
}
