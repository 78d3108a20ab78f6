/**
 * `npm run bench:webhook`: 1,000 signed POST /hooks/deals (20 in flight) against the real
 * app (Bolt HTTP receiver + webhook route, WebClient to the fake Slack) over 1,000,000
 * deals of history. Latency = from sending the request to the co-lead card being stored
 * by the fake Slack (RED deals), and request -> response for every deal.
 * The history (generate + import) is built once into test-output/bench-webhook/ and reused.
 * Prints one JSON line.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { signBody } from '../../src/adapters/webhook/signature.js';
import { loadConfig } from '../../src/config.js';
import {
  DEMO_INDUSTRIES,
  DEMO_LEAD_SOURCES,
  DEMO_PRODUCTS,
  DEMO_REGIONS,
} from '../../src/domain/demo-deals.js';
import { SlackEmulator } from '../../src/local/slack-emulator/server.js';
import { createApp } from '../../src/wiring/create-app.js';
import { runDealfit } from '../helpers/run-cli.js';

const DEALS = Number(process.env.BENCH_DEALS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SECRET = 'bench-secret';
const MGRS = 'C0MGRS';
// fresh deal ids every run: the history database is reused
const RUN = Date.now().toString(36).toUpperCase();

const dir = resolve(import.meta.dirname, '../../test-output/bench-webhook');
mkdirSync(dir, { recursive: true });
const csv = resolve(dir, `deals-${DEALS}.csv`);
const db = resolve(dir, `deals-${DEALS}.db`);
const setup: Record<string, number> = {};
if (!existsSync(db)) {
  let t = performance.now();
  const gen = await runDealfit(['generate', '--out', csv, '--deals', String(DEALS), '--seed', '7']);
  if (gen.code !== 0) throw new Error(gen.stderr);
  setup.generateSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const imp = await runDealfit(['import', csv, '--db', db]);
  if (imp.code !== 0) throw new Error(imp.stderr);
  setup.importSeconds = (performance.now() - t) / 1000;
}

const fake = await SlackEmulator.start({ channels: [{ id: MGRS, name: 'managers' }] });
const config = loadConfig({
  DEALFIT_DB: db,
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: 'bench-signing',
  SLACK_API_URL: fake.apiUrl,
  PORT: '0',
  DEALFIT_MANAGERS_CHANNEL: MGRS,
  DEALFIT_MANAGER_IDS: 'U0MGR1',
  DEALFIT_WEBHOOK_SECRET: SECRET,
});
const quiet = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => 'error' as never,
  setName() {},
};
const app = createApp(config, {
  jobs: false,
  host: '127.0.0.1',
  logger: quiet,
  botId: 'B0DEALFIT',
  botUserId: 'U0DEALFIT',
});
const running = await app.start();
// The daily metrics run, in the query thread: it leaves the fit index of the history there.
let t0 = performance.now();
const metrics = await app.proactive.deps.compute.metricsRun(new Date().toISOString());
setup.metricsRunSeconds = (performance.now() - t0) / 1000;
const asOf = metrics.summary.asOf;

let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const url = `http://127.0.0.1:${running.port}/hooks/deals`;
const sent = new Map<string, number>();
const responseMs: number[] = [];
const statuses = new Map<number, number>();
let red = 0;

async function send(i: number): Promise<void> {
  const id = `WH${RUN}${String(i).padStart(6, '0')}`;
  const body = JSON.stringify({
    deal_id: id,
    created_date: asOf,
    sales_rep_id: `rep_${1 + Math.floor(rand() * 25)}`,
    industry: pick(DEMO_INDUSTRIES),
    region: pick(DEMO_REGIONS),
    product_type: pick(DEMO_PRODUCTS),
    lead_source: pick(DEMO_LEAD_SOURCES),
    deal_stage: 'Qualified',
    deal_amount: 5000 + Math.floor(rand() * 50_000),
  });
  const ts = Math.floor(Date.now() / 1000);
  const start = Date.now();
  sent.set(id, start);
  const p0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-dealfit-timestamp': String(ts),
      'x-dealfit-signature': signBody(SECRET, ts, body),
    },
    body,
  });
  const json = (await res.json()) as { flag?: string };
  responseMs.push(performance.now() - p0);
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (json.flag === 'RED') red++;
}

t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) await send(next++);
  }),
);
const seconds = (performance.now() - t0) / 1000;

// request -> card stored by the fake Slack (ms clock on both sides)
const cardMs: number[] = [];
for (const m of fake.messagesIn(MGRS)) {
  const id = /^Deal (WH\w+)/.exec(m.text)?.[1];
  const start = id ? sent.get(id) : undefined;
  if (start !== undefined && m.at !== undefined) cardMs.push(m.at - start);
}
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10
    : null;
};
await app.stop();
await fake.close();
console.log(
  JSON.stringify({
    bench: 'webhook',
    historyDeals: DEALS,
    requests: REQUESTS,
    concurrency: CONCURRENCY,
    statuses: Object.fromEntries(statuses),
    red,
    cards: cardMs.length,
    cardMs: { p50: q(cardMs, 0.5), p99: q(cardMs, 0.99), max: q(cardMs, 1) },
    responseMs: { p50: q(responseMs, 0.5), p99: q(responseMs, 0.99), max: q(responseMs, 1) },
    throughputPerSecond: Math.round(REQUESTS / seconds),
    setup,
  }),
);
