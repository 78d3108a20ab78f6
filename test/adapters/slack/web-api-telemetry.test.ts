/**
 * The Web API counting fetch under a real WebClient (its own queue and retries): a method
 * that answers 500 and then 200, and a port where nothing listens, counted per method by
 * the real Prometheus metrics.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../../../src/adapters/metrics/prometheus-metrics.js';
import { countingWebApiFetch } from '../../../src/adapters/slack/web-api-telemetry.js';
import { noBlanks } from '../../../src/domain/deal-fields.js';
import { parsePrometheusText, sampleValue } from '../../helpers/prometheus-text.js';

const NO_COUNTS = async () => ({
  deals: { open: 0, closed: 0 },
  dataAsOf: null,
  quarantined: 0,
  hygiene: { deals: 0, withBlanks: 0, blanks: noBlanks() },
  syncRuns: [],
  alerts: [],
  coleads: [],
  jobLastSuccess: [],
});

function metrics() {
  return createPrometheusMetrics({
    counts: NO_COUNTS,
    now: () => new Date(),
    processMetrics: false,
  });
}

describe('counting the Web API calls of a WebClient', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = undefined;
  });

  it('counts an HTTP 500 and the retry that follows it, per method', async () => {
    let calls = 0;
    server = createServer((req, res) => {
      calls += 1;
      req.resume();
      if (calls === 1) return void res.writeHead(500).end('oops');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, channel: 'C1', ts: '1.2' }));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
    const m = metrics();
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: apiUrl,
      retryConfig: { retries: 2, factor: 1, minTimeout: 5, maxTimeout: 5 },
      fetch: countingWebApiFetch(m.telemetry, apiUrl),
    });
    await client.chat.postMessage({ channel: 'C1', text: 'hello' });
    // another call with other arguments is a first attempt, not a retry
    await client.chat.postMessage({ channel: 'C1', text: 'again' });
    const f = parsePrometheusText(await m.scrape());
    const post = { method: 'chat.postMessage' };
    expect(
      sampleValue(f, 'dealfit_slack_api_calls_total', { ...post, outcome: 'http_error' }),
    ).toBe(1);
    expect(sampleValue(f, 'dealfit_slack_api_calls_total', { ...post, outcome: 'ok' })).toBe(2);
    expect(sampleValue(f, 'dealfit_slack_api_retries_total', post)).toBe(1);
    expect(sampleValue(f, 'dealfit_slack_api_rate_limited_total', post)).toBeUndefined();
    expect(calls).toBe(3);
  });

  it('counts attempts that got no answer as network errors, each retry included', async () => {
    // a port that was just free: nothing listens there
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const apiUrl = `http://127.0.0.1:${port}/api/`;
    const m = metrics();
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: apiUrl,
      retryConfig: { retries: 2, factor: 1, minTimeout: 5, maxTimeout: 5 },
      fetch: countingWebApiFetch(m.telemetry, apiUrl),
    });
    await expect(client.conversations.open({ users: 'U1' })).rejects.toThrow();
    const f = parsePrometheusText(await m.scrape());
    const open = { method: 'conversations.open' };
    expect(
      sampleValue(f, 'dealfit_slack_api_calls_total', { ...open, outcome: 'network_error' }),
    ).toBe(3);
    expect(sampleValue(f, 'dealfit_slack_api_retries_total', open)).toBe(2);
  });

  it('leaves a URL outside the Web API (a response_url) uncounted', async () => {
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const m = metrics();
    const counted = countingWebApiFetch(m.telemetry, `${base}/api/`);
    expect((await counted(`${base}/commands/T1/123`, { method: 'POST', body: '{}' })).status).toBe(
      200,
    );
    const f = parsePrometheusText(await m.scrape());
    expect(f.get('dealfit_slack_api_calls_total')?.samples).toEqual([]);
  });
});
