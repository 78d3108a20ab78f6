/**
 * `npm run bench:slack`: the real app (`src/main.ts`, its own process, HTTP mode) on
 * loopback with the shared deals, the fake Slack Web API in a third process
 * (app-process.ts); after the app's start-up catch-up, 200 signed slash commands, 20 in
 * flight at a time. Measures ack latency (HTTP response to the signed request), follow-up
 * latency (request sent -> first response_url answer) and warm chart render time per PNG.
 * Prints one JSON line.
 */
import { loadavg } from 'node:os';
import { createChartRenderer } from '../../src/adapters/charts/render.js';
import { closeDatabase, openDatabase } from '../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import { queryAudit, queryWinRate } from '../../src/app/queries/metric-queries.js';
import { createTempDbPath } from '../helpers/test-db.js';
import { loadSharedDeals } from '../public-data/shared-deals.js';
import { quantile, slashCommandBurst, startBenchApp } from './app-process.js';

const tmp = createTempDbPath();
const db = openDatabase(tmp.path);
loadSharedDeals(db);
// Warm render time per PNG, in this process (the renderer is the same code the app runs).
const charts = createChartRenderer();
const report = await queryWinRate(createSqliteStore(db), { window: 'all', by: 'industry' });
const audit = await queryAudit(createSqliteStore(db), {});
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
tmp.cleanup();

const app = await startBenchApp();
const burst = await slashCommandBurst(app, { total: 200, concurrency: 20, serial: 20 });
await app.stop();

process.stdout.write(
  `${JSON.stringify({
    bench: 'slack',
    ...burst,
    loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
    appStartupMs: Math.round(app.startupMs),
    catchUpMs: Math.round(app.catchUpMs),
    chartRenderMsWarm: {
      segmentPngP50: quantile(renderMs, 0.5),
      segmentPngMean: Math.round((renderMs.reduce((a, b) => a + b, 0) / renderMs.length) * 10) / 10,
      heatmapPngP50: quantile(heatMs, 0.5),
    },
  })}\n`,
);
