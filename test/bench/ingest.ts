/**
 * npm run bench:ingest [-- --rows N] [--runs K] [--csv FILE]
 *
 * Generates N deals (default 1,000,000) with `dealfit generate` (or takes --csv FILE),
 * then K times (default 3), each into a new database file:
 *   - the floor: sqlite3's own `.import --csv` of the same file into a plain table;
 *   - `dealfit import FILE --json` as a child process under /usr/bin/time: the import's
 *     own wall time (its `seconds`), the whole process's wall time and its peak RSS.
 * Prints one JSON line with the medians, the ratio to the floor and the targets.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOptions, generateArgs, median, ROOT, round } from './bench-input.js';

const TARGETS = { rowsPerSecond: 150_000, peakRssMb: 400, ratioToSqlite: 3 };

const { rows, runs, csv: givenCsv } = benchOptions();

function ensureSqlite3(): void {
  if (spawnSync('sqlite3', ['-version']).status === 0) return;
  process.stderr.write('sqlite3 not found: installing it with apt-get\n');
  // a fresh machine may have no package lists yet
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'sqlite3'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function timed(command: string, args: string[]): { seconds: number; stdout: string } {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return { seconds, stdout: result.stdout };
}

ensureSqlite3();
const dir = mkdtempSync(join(tmpdir(), 'dealfit-bench-'));
try {
  let csv = givenCsv;
  let generateSeconds: number | null = null;
  if (csv === undefined) {
    csv = join(dir, 'bench_deals.csv');
    generateSeconds = timed(process.execPath, generateArgs(csv, rows)).seconds;
  }
  const bytes = statSync(csv).size;
  const hasTime = existsSync('/usr/bin/time');
  const results: Array<{
    floorSeconds: number;
    importSeconds: number;
    processSeconds: number;
    peakRssMb: number | null;
    rows: number;
  }> = [];
  for (let run = 0; run < runs; run++) {
    const floorDb = join(dir, `floor-${run}.db`);
    const floor = timed('sqlite3', [floorDb, `.import --csv ${csv} deals`]);
    rmSync(floorDb, { force: true });

    const db = join(dir, `dealfit-${run}.db`);
    const rssFile = join(dir, `rss-${run}.txt`);
    const cli = [join(ROOT, 'bin/dealfit.js'), 'import', csv, '--db', db, '--json'];
    const imported = hasTime
      ? timed('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, ...cli])
      : timed(process.execPath, cli);
    const summary = JSON.parse(imported.stdout) as {
      rows: number;
      status: string;
      seconds: number;
    };
    if (summary.status !== 'succeeded') throw new Error(`import failed: ${imported.stdout}`);
    const peakRssMb = hasTime
      ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024
      : null;
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    results.push({
      floorSeconds: round(floor.seconds),
      importSeconds: round(summary.seconds),
      processSeconds: round(imported.seconds),
      peakRssMb: peakRssMb === null ? null : round(peakRssMb, 1),
      rows: summary.rows,
    });
    process.stderr.write(`run ${run + 1}/${runs}: ${JSON.stringify(results.at(-1))}\n`);
  }
  const importSeconds = median(results.map((r) => r.importSeconds));
  const processSeconds = median(results.map((r) => r.processSeconds));
  const floorSeconds = median(results.map((r) => r.floorSeconds));
  const rssValues = results.map((r) => r.peakRssMb).filter((x): x is number => x !== null);
  const peakRssMb = rssValues.length > 0 ? Math.max(...rssValues) : null;
  const rowsPerSecond = Math.round(rows / importSeconds);
  const ratio = round(importSeconds / floorSeconds);
  console.log(
    JSON.stringify({
      bench: 'ingest',
      rows,
      bytes,
      runs,
      generateSeconds: generateSeconds === null ? null : round(generateSeconds),
      // wallSeconds: the import itself (open store .. commit), as `dealfit import --json`
      // reports it; processSeconds adds node + tsx start-up and loading every command.
      import: { wallSeconds: importSeconds, processSeconds, rowsPerSecond, peakRssMb },
      sqliteImport: { wallSeconds: floorSeconds },
      ratioToSqlite: ratio,
      targets: TARGETS,
      meets: {
        rowsPerSecond: rowsPerSecond >= TARGETS.rowsPerSecond,
        peakRssMb: peakRssMb !== null && peakRssMb <= TARGETS.peakRssMb,
        ratioToSqlite: ratio <= TARGETS.ratioToSqlite,
      },
      runsDetail: results,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
