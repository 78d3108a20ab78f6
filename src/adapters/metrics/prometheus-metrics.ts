/**
 * dealfit's Prometheus metrics (prom-client), one registry per app: the counters and
 * histograms the running app moves through the Telemetry port, and the gauges read from
 * the store (OpsStore) at each scrape. Every name is listed, with its type, in the README's
 * "Prometheus metrics" section; test/adapters/metrics/metrics-endpoint.test.ts reads that
 * list and checks it against a scrape, so the two cannot drift.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { OpsCounts } from '../../app/ports/ops-store.js';
import type { Telemetry } from '../../app/ports/telemetry.js';

export interface PrometheusMetrics {
  telemetry: Telemetry;
  registry: Registry;
  /** the text exposition of every metric, the store's counts read now */
  scrape(): Promise<string>;
  contentType: string;
}

export interface PrometheusOptions {
  /** the store's counts (OpsStore.counts) */
  counts: () => Promise<OpsCounts>;
  now: () => Date;
  /** prom-client's default process and Node metrics (`dealfit_process_*`, `dealfit_nodejs_*`) */
  processMetrics?: boolean;
}

const PREFIX = 'dealfit_';

export function createPrometheusMetrics(o: PrometheusOptions): PrometheusMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (o.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: PREFIX });

  const jobRuns = new Counter({
    name: 'dealfit_job_runs_total',
    help: 'Scheduled job runs by job and outcome (succeeded, failed, skipped)',
    labelNames: ['job', 'status'] as const,
    registers,
  });
  const jobDuration = new Histogram({
    name: 'dealfit_job_duration_seconds',
    help: 'Duration of scheduled job runs',
    labelNames: ['job'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800],
    registers,
  });
  const slackCalls = new Counter({
    name: 'dealfit_slack_api_calls_total',
    help: 'Slack Web API HTTP attempts by method and outcome (ok, rate_limited, http_error, network_error)',
    labelNames: ['method', 'outcome'] as const,
    registers,
  });
  const slackRetries = new Counter({
    name: 'dealfit_slack_api_retries_total',
    help: 'Slack Web API requests sent again after a failed attempt, by method',
    labelNames: ['method'] as const,
    registers,
  });
  const slackRateLimited = new Counter({
    name: 'dealfit_slack_api_rate_limited_total',
    help: 'Slack Web API answers with HTTP 429, by method',
    labelNames: ['method'] as const,
    registers,
  });
  const ack = new Histogram({
    name: 'dealfit_slack_ack_seconds',
    help: "From a verified Slack request to its ack, by kind (command, event, action); Slack's limit is 3 s",
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers,
  });
  const answer = new Histogram({
    name: 'dealfit_slack_answer_seconds',
    help: "From a verified Slack request to its answer's words sent, by kind (command, question)",
    labelNames: ['kind'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30],
    registers,
  });

  // The store's counts: set from one read at each scrape (see scrape()).
  const lastSuccess = new Gauge({
    name: 'dealfit_job_last_success_timestamp_seconds',
    help: "Unix time of each job's newest successful run (job_runs)",
    labelNames: ['job'] as const,
    registers,
  });
  const dataAge = new Gauge({
    name: 'dealfit_data_age_seconds',
    help: 'Now minus the data as of date (its midnight UTC); NaN before any data',
    registers,
  });
  const syncRuns = new Counter({
    name: 'dealfit_sync_runs_total',
    help: 'Imports, CRM syncs and webhook deliveries by source and status (failed = a failure)',
    labelNames: ['source', 'status'] as const,
    registers,
  });
  const syncRecords = new Counter({
    name: 'dealfit_sync_records_total',
    help: 'Records written by imports, syncs and webhook deliveries, by source and result (inserted, updated, unchanged, deleted, quarantined)',
    labelNames: ['source', 'result'] as const,
    registers,
  });
  const alerts = new Counter({
    name: 'dealfit_alerts_total',
    help: 'Alert log rows by alert type and status (sent, over_budget, folded, deduped, post_failed, snoozed)',
    labelNames: ['type', 'status'] as const,
    registers,
  });
  const coleads = new Gauge({
    name: 'dealfit_coleads',
    help: 'Co-lead proposals by state (proposed, reassigned, approved, declined, expired)',
    labelNames: ['state'] as const,
    registers,
  });
  const deals = new Gauge({
    name: 'dealfit_deals',
    help: 'Live deals by state (open, closed)',
    labelNames: ['state'] as const,
    registers,
  });
  const quarantined = new Gauge({
    name: 'dealfit_quarantined_rows',
    help: 'Rows rejected into quarantine by imports, syncs and webhook deliveries',
    registers,
  });
  const blankDeals = new Gauge({
    name: 'dealfit_hygiene_blank_deals',
    help: 'Live deals with the field blank, per field (CRM hygiene)',
    labelNames: ['field'] as const,
    registers,
  });
  const withBlanks = new Gauge({
    name: 'dealfit_hygiene_deals_with_blanks',
    help: 'Live deals with at least one blank field (CRM hygiene)',
    registers,
  });

  async function readStore(): Promise<void> {
    const c = await o.counts();
    // a label that disappeared from the store (a job no longer run) disappears here too
    for (const metric of [lastSuccess, syncRuns, syncRecords, alerts, coleads, blankDeals]) {
      metric.reset();
    }
    for (const j of c.jobLastSuccess) {
      lastSuccess.set({ job: j.job }, Date.parse(j.finishedAt) / 1000);
    }
    dataAge.set(
      c.dataAsOf === null ? Number.NaN : (o.now().getTime() - Date.parse(c.dataAsOf)) / 1000,
    );
    for (const s of c.syncRuns) {
      syncRuns.inc({ source: s.source, status: s.status }, s.runs);
      for (const result of [
        'inserted',
        'updated',
        'unchanged',
        'deleted',
        'quarantined',
      ] as const) {
        syncRecords.inc({ source: s.source, result }, s[result]);
      }
    }
    for (const a of c.alerts) alerts.inc({ type: a.type, status: a.status }, a.count);
    for (const s of c.coleads) coleads.set({ state: s.state }, s.count);
    deals.set({ state: 'open' }, c.deals.open);
    deals.set({ state: 'closed' }, c.deals.closed);
    quarantined.set(c.quarantined);
    for (const [field, n] of Object.entries(c.hygiene.blanks)) blankDeals.set({ field }, n);
    withBlanks.set(c.hygiene.withBlanks);
  }

  return {
    registry,
    contentType: registry.contentType,
    async scrape() {
      await readStore();
      return registry.metrics();
    },
    telemetry: {
      jobRun(job, outcome, seconds) {
        jobRuns.inc({ job, status: outcome });
        if (outcome !== 'skipped') jobDuration.observe({ job }, seconds);
      },
      slackCall(method, outcome) {
        slackCalls.inc({ method, outcome });
        if (outcome === 'rate_limited') slackRateLimited.inc({ method });
      },
      slackRetry: (method) => slackRetries.inc({ method }),
      ackLatency: (kind, seconds) => ack.observe({ kind }, seconds),
      answerLatency: (kind, seconds) => answer.observe({ kind }, seconds),
    },
  };
}
