/**
 * `npm run bench:slack`: the real app (`src/main.ts`, its own process, HTTP mode) on
 * loopback with the shared deals, the fake Slack Web API here; 200 signed slash commands,
 * 20 in flight at a time. Measures ack latency (HTTP response to the signed request),
 * follow-up latency (request sent -> first response_url answer) and warm chart render time
 * per PNG. Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createChartRenderer } from '../../src/adapters/charts/render.js';
import { closeDatabase, openDatabase } from '../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import { queryAudit, queryWinRate } from '../../src/app/queries/metric-queries.js';
import { postCommand } from '../helpers/slack-requests.js';
import { createTempDbPath } from '../helpers/test-db.js';
import { loadSharedDeals } from '../public-data/shared-deals.js';

const TOTAL = 200;
const CONCURRENCY = 20;
const SECRET = 'bench-signing-secret';
const ROOT = resolve(import.meta.dirname, '../..');

const QUESTIONS: Array<[string, string]> = [
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

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round((sorted[i] ?? Number.NaN) * 10) / 10;
}

const tmp = createTempDbPath();
const db = openDatabase(tmp.path);
loadSharedDeals(db);

// Warm render time per PNG, in this process (the renderer is the same code the app runs).
const charts = createChartRenderer();
const report = queryWinRate(createSqliteStore(db), { window: 'all', by: 'industry' });
const audit = queryAudit(createSqliteStore(db), {});
await charts.winRateBySegment(report);
await charts.fitHeatmap(audit);
const renderMs: number[] = [];
for (let i = 0; i < 10; i++) {
  const t0 = performance.now();
  await charts.winRateBySegment(report);
  renderMs.push(performance.now() - t0);
}
const heatMs: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  await charts.fitHeatmap(audit);
  heatMs.push(performance.now() - t0);
}
closeDatabase(db);

const fakeProcess = spawn(
  resolve(ROOT, 'node_modules/.bin/tsx'),
  [resolve(import.meta.dirname, 'fake-slack-process.ts')],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const fakeLines = createInterface({ input: fakeProcess.stdout });
const fakeReplies = fakeLines[Symbol.asyncIterator]();
const readLine = async () => String((await fakeReplies.next()).value ?? '');
const fakeInfo = JSON.parse(await readLine()) as { apiUrl: string; base: string };
let responseSeq = 0;
/** The fake answers any /response/<id>; ids made here are unique per command. */
const responseUrl = () => `${fakeInfo.base}response/B${++responseSeq}`;
type Dump = { responses: Array<{ id: string; at: number; text: string }>; uploads: number };
async function dump(): Promise<Dump> {
  fakeProcess.stdin.write('dump\n');
  return JSON.parse(await readLine()) as Dump;
}
const app = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), [resolve(ROOT, 'src/main.ts')], {
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
});
let output = '';
app.stdout.on('data', (d) => {
  output += d;
});
app.stderr.on('data', (d) => {
  output += d;
});
const startedAt = performance.now();
while (!/listening for Slack on port (\d+)/.test(output)) {
  if (app.exitCode !== null || performance.now() - startedAt > 120_000) {
    throw new Error(`app did not start:\n${output}`);
  }
  await new Promise((r) => setTimeout(r, 20));
}
const startupMs = performance.now() - startedAt;
const port = /port (\d+)/.exec(output)![1];
const url = `http://127.0.0.1:${port}/slack/events`;

// One at a time first: the per-command cost without queueing behind 19 others.
const serialAcks: number[] = [];
for (let i = 0; i < 20; i++) {
  const [command, text] = QUESTIONS[i % QUESTIONS.length]!;
  const url1 = responseUrl();
  const id = url1.split('/').pop()!;
  const t0 = performance.now();
  const res = await postCommand(url, SECRET, { command, text, responseUrl: url1 });
  await res.arrayBuffer();
  serialAcks.push(performance.now() - t0);
  const until = Date.now() + 60_000;
  while (!(await dump()).responses.some((r) => r.id === id) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
  }
}
const serialIds = new Set((await dump()).responses.map((r) => r.id));

const acks: number[] = [];
const sentAt = new Map<string, number>();
let failures = 0;
let next = 0;
const benchStart = performance.now();
async function worker(): Promise<void> {
  while (next < TOTAL) {
    const i = next++;
    const [command, text] = QUESTIONS[i % QUESTIONS.length]!;
    const url1 = responseUrl();
    const id = url1.split('/').pop()!;
    const t0 = performance.now();
    sentAt.set(id, Date.now());
    try {
      const res = await postCommand(url, SECRET, { command, text, responseUrl: url1 });
      await res.arrayBuffer();
      acks.push(performance.now() - t0);
      if (res.status !== 200) failures++;
    } catch (error) {
      failures++;
      process.stderr.write(
        `command ${i} failed: ${(error as Error).cause ?? error}\n${output.slice(-2000)}\n`,
      );
    }
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const ackPhaseMs = performance.now() - benchStart;
let final = await dump();
const answeredIds = () => new Set(final.responses.map((r) => r.id).filter((id) => sentAt.has(id)));
const deadline = Date.now() + 120_000;
while (answeredIds().size < TOTAL && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 100));
  final = await dump();
}
// let the last chart uploads finish before counting them
await new Promise((r) => setTimeout(r, 2000));
final = await dump();
const firstAnswer = new Map<string, number>();
for (const r of final.responses) {
  if (sentAt.has(r.id) && !serialIds.has(r.id) && !firstAnswer.has(r.id))
    firstAnswer.set(r.id, r.at);
}
const followups = [...firstAnswer].map(([id, at]) => at - (sentAt.get(id) ?? at));
const errors = final.responses.filter((r) => r.text.startsWith('Something went wrong')).length;

app.kill('SIGTERM');
await new Promise((r) => app.once('exit', r));
fakeProcess.stdin.end();
await new Promise((r) => fakeProcess.once('exit', r));
tmp.cleanup();

process.stdout.write(
  `${JSON.stringify({
    bench: 'slack',
    commands: TOTAL,
    concurrency: CONCURRENCY,
    distinctQuestions: QUESTIONS.length,
    ackMs: { p50: quantile(acks, 0.5), p99: quantile(acks, 0.99), max: quantile(acks, 1) },
    ackMsSerial: { p50: quantile(serialAcks, 0.5), max: quantile(serialAcks, 1) },
    followupMs: {
      p50: quantile(followups, 0.5),
      p99: quantile(followups, 0.99),
      max: quantile(followups, 1),
    },
    answered: firstAnswer.size,
    non200Acks: failures,
    errorReplies: errors,
    uploads: final.uploads,
    loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
    ackPhaseMs: Math.round(ackPhaseMs),
    appStartupMs: Math.round(startupMs),
    chartRenderMsWarm: {
      segmentPngP50: quantile(renderMs, 0.5),
      segmentPngMean: Math.round((renderMs.reduce((a, b) => a + b, 0) / renderMs.length) * 10) / 10,
      heatmapPngP50: quantile(heatMs, 0.5),
    },
  })}\n`,
);
