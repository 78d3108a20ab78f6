import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runDealfit } from '../helpers/run-cli.js';
import { newestDate, sampleDealRows, sampleDealsCsv } from '../helpers/sample-deals.js';
import { createTempDbPath } from '../helpers/test-db.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = resolve(ROOT, 'test/fixtures/csv');
const HEADER =
  'deal_id,created_date,closed_date,sales_rep_id,industry,region,product_type,lead_source,deal_stage,deal_amount,sales_cycle_days,outcome';

describe('dealfit import', () => {
  const temps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });
  const tempDb = () => {
    const tmp = createTempDbPath();
    temps.push(tmp.cleanup);
    return tmp;
  };

  it('imports the sample deals with --json, then reports every row unchanged the second time', async () => {
    const { path } = tempDb();
    const csv = await sampleDealsCsv();
    const rows = await sampleDealRows();
    const n = rows.length;
    const asOf = newestDate(rows);
    const first = await runDealfit(['import', csv, '--db', path, '--json']);
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({
      rows: n,
      inserted: n,
      updated: 0,
      unchanged: 0,
      quarantined: 0,
      deleted: 0,
      dataAsOf: asOf,
      syncRunId: 1,
      status: 'succeeded',
    });
    const second = await runDealfit(['import', csv, '--db', path, '--json']);
    expect(second.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: n, syncRunId: 2 });
    const status = await runDealfit(['status', '--db', path, '--json']);
    expect(status.json()).toMatchObject({
      deals: { total: n, closed: rows.filter((r) => r.outcome !== null).length },
      dataAsOf: asOf,
    });
  });

  it('prints a human summary with the first quarantine reasons, and lists them all with `quarantine`', async () => {
    const { path } = tempDb();
    const result = await runDealfit(['import', join(FIXTURES, 'bad-rows.csv'), '--db', path]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('11 rows: 2 inserted, 0 updated, 0 unchanged, 9 quarantined');
    expect(result.stdout).toContain('line 2: closed_date 2023-02-30 is not a date');
    expect(result.stdout).toContain('… and 4 more: dealfit quarantine --run 1');
    const listing = await runDealfit(['quarantine', '--db', path]);
    expect(listing.code).toBe(0);
    expect(listing.stdout).toContain('9 quarantined rows');
    expect(listing.stdout).toContain('line 10: sales_cycle_days 12 does not match');
    const json = await runDealfit([
      'quarantine',
      '--run',
      '1',
      '--limit',
      '2',
      '--db',
      path,
      '--json',
    ]);
    expect(json.json()).toMatchObject({
      total: 9,
      rows: [
        { line: 2, recordId: 'D1', reasons: ['closed_date 2023-02-30 is not a date'] },
        { line: 3, recordId: 'D2' },
      ],
    });
    const none = await runDealfit(['quarantine', '--run', '7', '--db', path]);
    expect(none.stdout).toBe('run #7: no quarantined rows');
  });

  it('fails a rejected file with exit 1, the reason on stderr and the error in --json', async () => {
    const { path } = tempDb();
    const result = await runDealfit([
      'import',
      join(FIXTURES, 'empty.csv'),
      '--db',
      path,
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^dealfit import: cannot import .*empty\.csv: the file is empty$/,
    );
    expect(result.json()).toMatchObject({ status: 'failed', error: 'the file is empty', rows: 0 });
  });

  it('rejects a bad --as-of, a missing file and a bad mapping before touching the store', async () => {
    const { path, dir } = tempDb();
    const asOf = await runDealfit([
      'import',
      await sampleDealsCsv(),
      '--as-of',
      '2024-02-30',
      '--db',
      path,
    ]);
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toContain('--as-of 2024-02-30 is not a date (expected YYYY-MM-DD)');
    const missing = await runDealfit(['import', join(dir, 'nope.csv'), '--db', path]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot import .*nope\.csv: no such file/);
    const mappingPath = join(dir, 'm.json');
    writeFileSync(mappingPath, JSON.stringify({ dateFormat: 'YYYY/MM/DD' }));
    const mapping = await runDealfit([
      'import',
      await sampleDealsCsv(),
      '--mapping',
      mappingPath,
      '--db',
      path,
    ]);
    expect(mapping.code).toBe(1);
    expect(mapping.stderr).toContain('is not a valid field mapping');
    expect(mapping.stderr).toContain(
      'dateFormat: expected one of YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY',
    );
    expect(existsSync(path)).toBe(false);
  });

  it('takes --mapping, --as-of and --dry-run', async () => {
    const { path } = tempDb();
    const file = join(FIXTURES, 'hubspot-export.csv');
    const mapping = join(ROOT, 'examples/mapping.hubspot.json');
    const dry = await runDealfit(['import', file, '--mapping', mapping, '--dry-run', '--db', path]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run (nothing written)');
    expect(dry.stdout).toContain('4 rows: 4 inserted');
    const real = await runDealfit([
      'import',
      file,
      '--mapping',
      mapping,
      '--as-of',
      '2024-06-30',
      '--db',
      path,
      '--json',
    ]);
    expect(real.json()).toMatchObject({ inserted: 4, dataAsOf: '2024-06-30', syncRunId: 1 });
  });

  it('leaves the store as it was when the import is killed midway (kill -9)', async () => {
    const { path, dir } = tempDb();
    // a store with deals in it: the kill must not touch them
    await runDealfit(['import', join(FIXTURES, 'base.csv'), '--db', path]);
    const big = join(dir, 'big.csv');
    await writeBigCsv(big, 400_000);
    await importAndKill(path, big);
    const db = new Database(path);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('select id from deals order by id').pluck().all()).toEqual([
        'D1',
        'D2',
        'D3',
      ]);
      expect(db.prepare('select count(*) from sync_runs').pluck().get()).toBe(1);
      expect(db.prepare('select count(*) from deal_history').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000);

  it('keeps an empty store empty, with its indexes, when the first import is killed midway', async () => {
    const { path, dir } = tempDb();
    await runDealfit(['status', '--db', path]); // creates and migrates the file
    const indexes = (db: Database.Database) =>
      db
        .prepare(
          "select name from sqlite_master where type = 'index' and tbl_name = 'deals' order by name",
        )
        .pluck()
        .all();
    const before = new Database(path);
    const expected = indexes(before);
    before.close();
    expect(expected).toContain('deals_open_rep_idx'); // the secondary index a bulk load suspends
    const big = join(dir, 'big.csv');
    await writeBigCsv(big, 400_000);
    await importAndKill(path, big);
    const db = new Database(path);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('select count(*) from deals').pluck().get()).toBe(0);
      expect(db.prepare('select count(*) from sync_runs').pluck().get()).toBe(0);
      expect(indexes(db)).toEqual(expected);
    } finally {
      db.close();
    }
  }, 120_000);
});

async function writeBigCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  for (let i = 1; i <= rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const line = `K${String(i).padStart(7, '0')},2023-01-${day},2023-02-${day},rep_${i % 25},SaaS,Europe,Core,Inbound,Closed,${1000 + (i % 5000)},31,${i % 3 ? 'Won' : 'Lost'}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
}

/**
 * Runs the real CLI in a child process and SIGKILLs it once it has written part of the
 * file (the WAL file grows while the transaction spills pages), before it can commit.
 */
async function importAndKill(dbPath: string, csv: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/dealfit.js'), 'import', csv, '--db', dbPath],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  const wal = `${dbPath}-wal`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (existsSync(wal) && statSync(wal).size > 2_000_000) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(child.exitCode, `the import finished before it could be killed: ${stderr}`).toBeNull();
  child.kill('SIGKILL');
  const { signal } = await exited;
  expect(signal).toBe('SIGKILL');
}
