/**
 * npm run bench:postgres [-- --rows N] [--runs K] [--csv FILE]
 *
 * The PostgreSQL store on N deals (default 1,000,000, made by `dealfit generate`, or
 * --csv FILE), on DEALFIT_TEST_DATABASE_URL's server or a private durable cluster (Debian's
 * binaries, default settings). K times (default 3), each into a fresh database:
 *   - the floor: `psql -c "\copy …"` of the same CSV into a plain table of its columns;
 *   - the import: the real pipeline (`dealfit import`'s) into the PostgreSQL store, from
 *     opening the store (migrations) to its commit, in a process of its own
 *     (postgres-import.ts), as `dealfit import` runs;
 *   - the daily metrics run on that store, and on a SQLite store holding the same import,
 *     alternated in the same run.
 * Prints one JSON line with the medians, rows/s and the ratios against their targets.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closePostgres, openPostgres } from '../../src/adapters/postgres/database.js';
import { createPostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import { closeDatabase, openDatabase } from '../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import { runMetrics } from '../../src/app/jobs/metrics-run.js';
import type { Store } from '../../src/app/ports/store.js';
import { createDatabase, startPrivateCluster } from '../helpers/postgres-server.js';
import { benchOptions, generateArgs, median, ROOT, round } from './bench-input.js';
import { importCsv } from './import-csv.js';

const TARGETS = { importRatioToCopy: 3, metricsRatioToSqlite: 1.5 };

const { rows, runs, csv: givenCsv } = benchOptions();

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** The canonical CSV's columns, typed as the store types them. */
const PLAIN_TABLE = `create table plain_deals (
  deal_id text, created_date text, closed_date text, sales_rep_id text, industry text,
  region text, product_type text, lead_source text, deal_stage text, deal_amount float8,
  sales_cycle_days int4, outcome text)`;

function psql(url: string, command: string): number {
  const t0 = performance.now();
  const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', command], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  return seconds(t0);
}

/** The import in a fresh process (postgres-import.ts), as `dealfit import` runs it. */
function importInOwnProcess(url: string, csv: string): { seconds: number; rows: number } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'postgres-import.ts'), url, csv],
    { encoding: 'utf8', cwd: ROOT },
  );
  if (result.status !== 0) throw new Error(`the import failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as {
    seconds: number;
    rows: number;
  };
}

const dir = mkdtempSync(join(tmpdir(), 'dealfit-bench-pg-'));
const given = process.env.DEALFIT_TEST_DATABASE_URL;
const cluster = given ? null : await startPrivateCluster({ durable: true });
const serverUrl = given ?? cluster!.url;
try {
  let csv = givenCsv;
  if (csv === undefined) {
    csv = join(dir, 'bench_deals.csv');
    execFileSync(process.execPath, generateArgs(csv, rows));
  }
  const bytes = statSync(csv).size;

  // the SQLite side of the metrics comparison: the same CSV, imported once
  const sqlitePath = join(dir, 'sqlite.db');
  const sqliteDb = openDatabase(sqlitePath);
  await importCsv(createSqliteStore(sqliteDb), csv);

  const results: Array<Record<string, number>> = [];
  for (let run = 0; run < runs; run++) {
    const floorDb = await createDatabase(serverUrl);
    psql(floorDb.url, PLAIN_TABLE);
    const copySeconds = psql(
      floorDb.url,
      `\\copy plain_deals from '${csv}' with (format csv, header)`,
    );
    await floorDb.drop();

    const database = await createDatabase(serverUrl);
    const imported = importInOwnProcess(database.url, csv);
    const importSeconds = imported.seconds;
    const pgDb = await openPostgres(database.url);

    const now = () => new Date();
    const t1 = performance.now();
    await runMetrics(createPostgresStore(pgDb) as unknown as Store, { now });
    const pgMetricsSeconds = seconds(t1);
    const t2 = performance.now();
    await runMetrics(createSqliteStore(sqliteDb) as unknown as Store, { now });
    const sqliteMetricsSeconds = seconds(t2);
    await closePostgres(pgDb);
    await database.drop();

    results.push({
      rows: imported.rows,
      copySeconds: round(copySeconds),
      importSeconds: round(importSeconds),
      pgMetricsSeconds: round(pgMetricsSeconds),
      sqliteMetricsSeconds: round(sqliteMetricsSeconds),
    });
    process.stderr.write(`run ${run + 1}/${runs}: ${JSON.stringify(results.at(-1))}\n`);
  }
  closeDatabase(sqliteDb);
  const m = (k: string) => median(results.map((r) => r[k]!));
  const importRatio = round(m('importSeconds') / m('copySeconds'));
  const metricsRatio = round(m('pgMetricsSeconds') / m('sqliteMetricsSeconds'));
  console.log(
    JSON.stringify({
      bench: 'postgres',
      rows,
      bytes,
      runs,
      server: given ? 'DEALFIT_TEST_DATABASE_URL' : 'private cluster (default settings)',
      import: {
        wallSeconds: m('importSeconds'),
        rowsPerSecond: Math.round(rows / m('importSeconds')),
      },
      psqlCopy: { wallSeconds: m('copySeconds') },
      importRatioToCopy: importRatio,
      metrics: { postgresSeconds: m('pgMetricsSeconds'), sqliteSeconds: m('sqliteMetricsSeconds') },
      metricsRatioToSqlite: metricsRatio,
      targets: TARGETS,
      meets: {
        importRatioToCopy: importRatio <= TARGETS.importRatioToCopy,
        metricsRatioToSqlite: metricsRatio <= TARGETS.metricsRatioToSqlite,
      },
      runsDetail: results,
    }),
  );
} finally {
  cluster?.destroy();
  rmSync(dir, { recursive: true, force: true });
}
