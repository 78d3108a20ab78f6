/**
 * bench:postgres's import, in a process of its own as `dealfit import` runs: node
 * postgres-import.ts URL CSV opens the PostgreSQL store at URL (migrating it), imports CSV,
 * and prints `{ seconds, rows }`, timed from the open to the commit (node's own start-up
 * left out, as psql's is not timed apart either: both are small beside a million rows).
 * In the bench's own process the import followed a 1M-row SQLite import and earlier runs'
 * metrics, and its heap doubled the writer's GC and Map costs (profiled).
 */
import { closePostgres, openPostgres } from '../../src/adapters/postgres/database.js';
import { createPostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import { importCsv } from './import-csv.js';

const [url, csv] = process.argv.slice(2);
if (!url || !csv) throw new Error('usage: postgres-import.ts URL CSV');
const t0 = performance.now();
const db = await openPostgres(url);
const summary = await importCsv(createPostgresStore(db), csv);
const seconds = (performance.now() - t0) / 1000;
await closePostgres(db);
process.stdout.write(`${JSON.stringify({ seconds, rows: summary.rows })}\n`);
