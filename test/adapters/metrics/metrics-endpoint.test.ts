/**
 * GET /metrics on the real app (HTTP mode, the Slack emulator as the Web API), parsed with
 * a strict Prometheus text-format parser. The metric list comes from the README's
 * "Prometheus metrics" table, so the documentation and the code cannot drift; the figures
 * are checked against independent counts (the emulator's own call log, the import's
 * summary, the job_runs rows), not against numbers copied from a run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCsvSource } from '../../../src/adapters/crm/csv/csv-source.js';
import { defaultMapping } from '../../../src/adapters/crm/csv/field-mapping.js';
import type { Db } from '../../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { ingestBatches } from '../../../src/app/ingest/ingest.js';
import type { IngestSummary } from '../../../src/app/ports/ingest-source.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { fixtureQueries } from '../../helpers/fixture-queries.js';
import {
  type MetricFamily,
  parsePrometheusText,
  sampleValue,
} from '../../helpers/prometheus-text.js';
import { type Harness, startHarness } from '../../helpers/slack-harness.js';
import { createTestDb } from '../../helpers/test-db.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const BAD_ROWS = resolve(ROOT, 'test/fixtures/csv/bad-rows.csv');
const TOKEN = 'metrics-test-token';
const NOW = new Date('2024-07-20T06:30:00Z');
/** two deals with blank fields, kept (metrics.md "Missing values") */
const BLANKS = `deal_id,created_date,closed_date,sales_rep_id,industry,region,product_type,lead_source,deal_stage,deal_amount,sales_cycle_days,outcome
H1,2023-03-01,2023-03-15,rep_3,,Europe,Core,Inbound,Closed,,,won
H2,2023-03-02,,rep_3,SaaS,,Core,Inbound,Demo,300,,
`;

/** The README's "Prometheus metrics" table: each metric's name (or name pattern) and type. */
function documentedMetrics(): Array<{ name: string; type: string }> {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Prometheus metrics\n');
  expect(start).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  const rows = readme
    .slice(start, end)
    .split('\n')
    .filter((l) => l.startsWith('| `'));
  return rows.flatMap((row) => {
    const [names = '', type = ''] = row.split('|').slice(1, 3);
    return [...names.matchAll(/`([^`]+)`/g)].map((m) => ({ name: m[1]!, type: type.trim() }));
  });
}

describe('GET /metrics', () => {
  let db: Db;
  let h: Harness;
  let imported: IngestSummary;
  let dir: string;

  async function start(env: Record<string, string> = { DEALFIT_METRICS_TOKEN: TOKEN }) {
    h = await startHarness({ db, queries: fixtureQueries(), jobs: true, now: () => NOW, env });
    // the start-up catch-up runs every job once; the tests count from there
    await h.app.caughtUp;
  }

  async function scrape(token: string | null = TOKEN): Promise<Map<string, MetricFamily>> {
    const res = await fetch(`http://127.0.0.1:${h.port}/metrics`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await res.text());
  }

  beforeEach(async () => {
    db = createTestDb();
    // a CSV import with good and quarantined rows: the store's counts have something to show
    imported = await ingestBatches(createSqliteStore(db), {
      source: 'csv',
      target: BAD_ROWS,
      batches: createCsvSource(BAD_ROWS, defaultMapping()).batches,
      now: () => NOW,
    });
    dir = mkdtempSync(join(tmpdir(), 'dealfit-metrics-'));
    const blanks = join(dir, 'blanks.csv');
    writeFileSync(blanks, BLANKS);
    await ingestBatches(createSqliteStore(db), {
      source: 'csv',
      target: blanks,
      batches: createCsvSource(blanks, defaultMapping()).batches,
      now: () => NOW,
    });
  });
  afterEach(async () => {
    await h?.close();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves every metric the README lists, with its type', async () => {
    await start();
    const families = await scrape();
    const documented = documentedMetrics();
    expect(documented.length).toBeGreaterThanOrEqual(17);
    const missing: string[] = [];
    for (const { name, type } of documented) {
      if (name.endsWith('*')) {
        const prefix = name.slice(0, -1);
        if (![...families.keys()].some((n) => n.startsWith(prefix))) missing.push(name);
        continue;
      }
      const family = families.get(name);
      if (!family) missing.push(name);
      else expect({ name, type: family.type }).toEqual({ name, type });
    }
    expect(missing).toEqual([]);
    // and nothing of dealfit's own is served undocumented
    const own = [...families.keys()].filter(
      (n) => n.startsWith('dealfit_') && !/^dealfit_(process|nodejs)_/.test(n),
    );
    expect(own.sort()).toEqual(
      documented
        .map((d) => d.name)
        .filter((n) => !n.endsWith('*'))
        .sort(),
    );
    expect(families.get('dealfit_process_cpu_seconds_total')?.type).toBe('counter');
    expect(families.get('dealfit_nodejs_eventloop_lag_seconds')?.type).toBe('gauge');
  });

  it('serves every metric the Grafana dashboard and the alerting rules query', async () => {
    await start();
    const families = await scrape();
    const dashboard = JSON.parse(
      readFileSync(resolve(ROOT, 'deploy/grafana/dealfit.json'), 'utf8'),
    ) as { panels: Array<{ type: string; targets?: Array<{ expr: string }> }> };
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(20);
    const queried = new Set(exprs.flatMap((e) => e.match(/\bdealfit_\w+/g) ?? []));
    const unknown = [...queried].filter(
      (name) => !families.has(name) && !families.has(name.replace(/_(bucket|sum|count)$/, '')),
    );
    expect(unknown).toEqual([]);
    // and the alerting rules beside it
    const rules = readFileSync(resolve(ROOT, 'deploy/prometheus/dealfit-alerts.yml'), 'utf8');
    const ruleExprs = [...rules.matchAll(/^\s+expr: (.+)$/gm)].map((m) => m[1]!);
    expect(ruleExprs.length).toBeGreaterThanOrEqual(8);
    const inRules = new Set(ruleExprs.flatMap((e) => e.match(/\bdealfit_\w+/g) ?? []));
    expect(
      [...inRules].filter(
        (name) => !families.has(name) && !families.has(name.replace(/_(bucket|sum|count)$/, '')),
      ),
    ).toEqual([]);
    // job health, data age, latency, alerts: each has its panel
    for (const name of [
      'dealfit_job_runs_total',
      'dealfit_data_age_seconds',
      'dealfit_slack_ack_seconds_bucket',
      'dealfit_slack_answer_seconds_bucket',
      'dealfit_alerts_total',
    ]) {
      expect(queried).toContain(name);
    }
  });

  it("reads the store's counts at each scrape: deals, quarantine, hygiene, runs, data age", async () => {
    await start();
    const f = await scrape();
    // bad-rows.csv: G1 closed (won), G2 open, the rest quarantined; BLANKS: H1 closed, H2 open
    expect(sampleValue(f, 'dealfit_deals', { state: 'open' })).toBe(2);
    expect(sampleValue(f, 'dealfit_deals', { state: 'closed' })).toBe(2);
    expect(imported.quarantined).toBeGreaterThan(0);
    expect(sampleValue(f, 'dealfit_quarantined_rows')).toBe(imported.quarantined);
    const csv = { source: 'csv' };
    expect(sampleValue(f, 'dealfit_sync_runs_total', { ...csv, status: 'succeeded' })).toBe(2);
    expect(sampleValue(f, 'dealfit_sync_records_total', { ...csv, result: 'inserted' })).toBe(
      imported.inserted + 2,
    );
    expect(sampleValue(f, 'dealfit_sync_records_total', { ...csv, result: 'quarantined' })).toBe(
      imported.quarantined,
    );
    // BLANKS: H1 lacks its industry and amount, H2 its region
    expect(sampleValue(f, 'dealfit_hygiene_blank_deals', { field: 'industry' })).toBe(1);
    expect(sampleValue(f, 'dealfit_hygiene_blank_deals', { field: 'deal_amount' })).toBe(1);
    expect(sampleValue(f, 'dealfit_hygiene_blank_deals', { field: 'region' })).toBe(1);
    expect(sampleValue(f, 'dealfit_hygiene_blank_deals', { field: 'lead_source' })).toBe(0);
    expect(sampleValue(f, 'dealfit_hygiene_deals_with_blanks')).toBe(2);
    // data as of = the last import's: the newest date in its file (metrics.md "Data as of")
    expect(sampleValue(f, 'dealfit_data_age_seconds')).toBe(
      (NOW.getTime() - Date.parse('2023-03-15')) / 1000,
    );
    // the alert log and the co-lead states, as the store holds them
    const store = createSqliteStore(db);
    for (const a of (await store.alerts.history()).alerts) {
      expect(
        sampleValue(f, 'dealfit_alerts_total', { type: a.type, status: a.status }),
      ).toBeGreaterThanOrEqual(1);
    }
    const alertSum = (families: Map<string, MetricFamily>) =>
      (families.get('dealfit_alerts_total')?.samples ?? []).reduce((s, x) => s + x.value, 0);
    // the catch-up's failed jobs (no channels configured) each logged an ops alert
    expect((await store.alerts.history()).alerts.length).toBeGreaterThan(0);
    expect(alertSum(f)).toBe((await store.alerts.history()).alerts.length);

    // the deal scans are kept between scrapes until the data changes: an import shows at once
    const more = join(dir, 'more.csv');
    writeFileSync(more, BLANKS.replace(/^H/gm, 'J'));
    await ingestBatches(store, {
      source: 'csv',
      target: more,
      batches: createCsvSource(more, defaultMapping()).batches,
      now: () => NOW,
    });
    const again = await scrape();
    expect(sampleValue(again, 'dealfit_deals', { state: 'open' })).toBe(3);
    expect(sampleValue(again, 'dealfit_hygiene_deals_with_blanks')).toBe(4);
    expect(sampleValue(again, 'dealfit_sync_runs_total', { ...csv, status: 'succeeded' })).toBe(3);
  });

  it('counts job runs by job and status, times them, and keeps the last success', async () => {
    await start();
    const before = await scrape();
    // the catch-up's runs, as job_runs logged them
    const runs = await createSqliteStore(db).jobRuns.recent(100);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      const n = runs.filter((r) => r.job === run.job && r.status === run.status).length;
      expect(
        sampleValue(before, 'dealfit_job_runs_total', { job: run.job, status: run.status }),
      ).toBe(n);
    }
    const expiry = { job: 'colead-expiry', status: 'succeeded' };
    const runsBefore = sampleValue(before, 'dealfit_job_runs_total', expiry) ?? 0;
    const timedBefore =
      sampleValue(before, 'dealfit_job_duration_seconds_count', { job: 'colead-expiry' }) ?? 0;

    const result = await h.app.scheduler!.runNow('colead-expiry', { force: true });
    expect(result.status).toBe('succeeded');
    const after = await scrape();
    expect(sampleValue(after, 'dealfit_job_runs_total', expiry)).toBe(runsBefore + 1);
    expect(sampleValue(after, 'dealfit_job_duration_seconds_count', { job: 'colead-expiry' })).toBe(
      timedBefore + 1,
    );
    expect(
      sampleValue(after, 'dealfit_job_last_success_timestamp_seconds', { job: 'colead-expiry' }),
    ).toBe(NOW.getTime() / 1000);
    // a dry run is neither logged nor counted
    await h.app.scheduler!.runNow('colead-expiry', { dryRun: true });
    const dry = await scrape();
    expect(sampleValue(dry, 'dealfit_job_runs_total', expiry)).toBe(runsBefore + 1);
  });

  it("counts a slash command's ack and answer, and every Web API call as Slack saw it", async () => {
    await start();
    const before = await scrape();
    const acked = sampleValue(before, 'dealfit_slack_ack_seconds_count', { kind: 'command' }) ?? 0;
    const answered =
      sampleValue(before, 'dealfit_slack_answer_seconds_count', { kind: 'command' }) ?? 0;
    expect(acked).toBe(0);

    // the DM for the chart is rate limited once: the WebClient waits and sends it again
    h.fake.rateLimit('conversations.open', 1, 0);
    const sent = await h.command('/winrate', 'industry');
    expect(sent.status).toBe(200);
    await h.fake.waitFor(() => sent.answers().length > 0);
    await h.fake.waitFor(() => [...h.fake.files.values()].some((file) => file.channel));
    const after = await scrape();
    expect(sampleValue(after, 'dealfit_slack_ack_seconds_count', { kind: 'command' })).toBe(
      acked + 1,
    );
    expect(sampleValue(after, 'dealfit_slack_answer_seconds_count', { kind: 'command' })).toBe(
      answered + 1,
    );
    // the ack went out well inside Slack's 3 s: its bucket at 3 s holds it
    expect(
      sampleValue(after, 'dealfit_slack_ack_seconds_bucket', { kind: 'command', le: '3' }),
    ).toBe(acked + 1);

    // each method's attempts by outcome equal the emulator's own log of what it received
    const methods = new Set(h.fake.calls.map((c) => c.method));
    expect(methods).toContain('conversations.open');
    for (const method of methods) {
      const ok = h.fake.calls.filter((c) => c.method === method && c.status === 200).length;
      const limited = h.fake.calls.filter((c) => c.method === method && c.status === 429).length;
      expect({
        method,
        ok: sampleValue(after, 'dealfit_slack_api_calls_total', { method, outcome: 'ok' }) ?? 0,
      }).toEqual({ method, ok });
      expect({
        method,
        limited: sampleValue(after, 'dealfit_slack_api_rate_limited_total', { method }) ?? 0,
      }).toEqual({ method, limited });
    }
    const open = { method: 'conversations.open' };
    expect(sampleValue(after, 'dealfit_slack_api_rate_limited_total', open)).toBe(1);
    expect(
      sampleValue(after, 'dealfit_slack_api_calls_total', { ...open, outcome: 'rate_limited' }),
    ).toBe(1);
    expect(sampleValue(after, 'dealfit_slack_api_retries_total', open)).toBe(1);
    // a method that was never refused was never retried
    expect(
      sampleValue(after, 'dealfit_slack_api_retries_total', {
        method: 'files.completeUploadExternal',
      }),
    ).toBeUndefined();
  });

  it('wants the bearer token when DEALFIT_METRICS_TOKEN is set: 401 without or wrong', async () => {
    await start();
    const url = `http://127.0.0.1:${h.port}/metrics`;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).not.toContain('dealfit_');
    const wrong = await fetch(url, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    const basic = await fetch(url, { headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(401);
    const right = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('# TYPE dealfit_job_runs_total counter');
  });

  it('is open when no token is configured', async () => {
    await start({});
    const families = await scrape(null);
    expect(families.get('dealfit_deals')?.type).toBe('gauge');
  });
});

describe('GET /metrics: a question in plain words', () => {
  it("times a mention's ack (an event) and its answer in the thread (a question)", async () => {
    const db = createTestDb();
    insertDemoDeals(db, { deals: 3000 });
    const h = await startHarness({ db });
    try {
      const read = async () => {
        const res = await fetch(`http://127.0.0.1:${h.port}/metrics`);
        return parsePrometheusText(await res.text());
      };
      const before = await read();
      const count = (f: Map<string, MetricFamily>, name: string, kind: string) =>
        sampleValue(f, `${name}_count`, { kind }) ?? 0;
      const mention = '1719700000.000001';
      const res = await h.event({
        type: 'app_mention',
        user: 'U0ALICE',
        channel: 'C0SALES',
        text: `<@${h.fake.bot.userId}> how are we doing in APAC?`,
        ts: mention,
        event_ts: mention,
      });
      expect(res.status).toBe(200);
      await h.fake.waitFor(
        () => h.fake.callsTo('chat.postMessage').some((c) => c.params.thread_ts === mention),
        10_000,
      );
      const after = await read();
      expect(count(after, 'dealfit_slack_ack_seconds', 'event')).toBe(
        count(before, 'dealfit_slack_ack_seconds', 'event') + 1,
      );
      expect(count(after, 'dealfit_slack_answer_seconds', 'question')).toBe(
        count(before, 'dealfit_slack_answer_seconds', 'question') + 1,
      );
      // a command was not asked: its series did not move
      expect(count(after, 'dealfit_slack_ack_seconds', 'command')).toBe(0);
    } finally {
      await h.close();
      db.$client.close();
    }
  });
});
