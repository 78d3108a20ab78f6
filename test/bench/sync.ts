/**
 * `npm run bench:sync`: a full then an incremental (1% changed) Salesforce sync of 200,000
 * opportunities from the fake org (own process, loopback HTTP) into a SQLite file, through
 * the real jsforce client and the real ingestion pipeline. Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createSalesforceSource } from '../../src/adapters/crm/salesforce/salesforce-source.js';
import { closeDatabase, openDatabase } from '../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import { ingestBatches } from '../../src/app/ingest/ingest.js';
import { syncSalesforce } from '../../src/app/ingest/salesforce-sync.js';
import { loadConfig } from '../../src/config.js';

const OPPORTUNITIES = Number(process.env.BENCH_SYNC_OPPORTUNITIES ?? 200_000);
const CHANGED_SHARE = 0.01;

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    resolve(import.meta.dirname, 'fake-salesforce-process.ts'),
    String(OPPORTUNITIES),
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
const nextLine = async (): Promise<string> => (await replies.next()).value as string;
const ready = JSON.parse(await nextLine()) as { env: Record<string, string> };
const ask = async (command: string): Promise<string> => {
  child.stdin.write(`${command}\n`);
  return nextLine();
};

const dir = mkdtempSync(join(tmpdir(), 'dealfit-bench-sync-'));
const db = openDatabase(join(dir, 'bench.db'));
const config = loadConfig(ready.env).salesforce!;

const cpuSeconds = () => {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1e6;
};
const fakeCpuSeconds = async () => Number((await ask('cpu')).split(' ')[1]);

async function timed(full: boolean) {
  const source = createSalesforceSource(config);
  const fakeCpu = await fakeCpuSeconds();
  const cpu = cpuSeconds();
  const started = performance.now();
  const result = await syncSalesforce(
    createSqliteStore(db),
    { source, ingest: ingestBatches, now: () => new Date() },
    { full },
  );
  const seconds = (performance.now() - started) / 1000;
  const syncCpu = cpuSeconds() - cpu;
  const servingCpu = (await fakeCpuSeconds()) - fakeCpu;
  if (result.summary.status !== 'succeeded') throw new Error(result.summary.error);
  const s = result.summary;
  return {
    records: s.rows,
    inserted: s.inserted,
    updated: s.updated,
    unchanged: s.unchanged,
    apiRequests: result.api.requests,
    wallSeconds: Number(seconds.toFixed(2)),
    recordsPerSecond: Math.round(s.rows / seconds),
    // CPU seconds, which a busy shared machine inflates far less than wall time
    syncCpuSeconds: Number(syncCpu.toFixed(2)),
    fakeServerCpuSeconds: Number(servingCpu.toFixed(2)),
  };
}

try {
  const full = await timed(true);
  const changed = Number((await ask(`change ${CHANGED_SHARE}`)).split(' ')[1]);
  const incremental = { changed, ...(await timed(false)) };
  console.log(
    JSON.stringify({
      bench: 'sync:salesforce',
      opportunities: OPPORTUNITIES,
      full,
      incremental,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
      node: process.version,
    }),
  );
} finally {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
  child.kill();
}
