import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { openPostgres, closePostgres } from './src/adapters/postgres/database.ts';
import { createPgDealWriter } from './src/adapters/postgres/deal-writer.ts';
import { createPostgresStore } from './src/adapters/postgres/postgres-store.ts';
import { startPrivateCluster, createDatabase } from './test/helpers/postgres-server.ts';
const cluster = await startPrivateCluster({ durable: true });
try {
  const lines = readFileSync('/tmp/pgbench/deals1m.csv', 'utf8').split('\n').slice(1).filter(Boolean);
  const deals = lines.map((l) => { const f = l.split(','); return { id: f[0], createdDate: f[1], closedDate: f[2] || null, assignedDate: null, repId: f[3], industry: f[4] || null, region: f[5] || null, product: f[6] || null, leadSource: f[7] || null, stage: f[8] || null, amount: f[9] ? Number(f[9]) : null, cycleDays: f[10] ? Number(f[10]) : null, outcome: f[11] || null }; });
  const fdb = await createDatabase(cluster.url);
  spawnSync('psql', ['-X','-q',fdb.url,'-c','create table plain_deals (deal_id text, created_date text, closed_date text, sales_rep_id text, industry text, region text, product_type text, lead_source text, deal_stage text, deal_amount float8, sales_cycle_days int4, outcome text)']);
  let t = performance.now();
  const r = spawnSync('psql', ['-X','-q',fdb.url,'-c',"\\copy plain_deals from '/tmp/pgbench/deals1m.csv' with (format csv, header)"], {encoding:'utf8'});
  console.log('copy', (performance.now()-t)/1000, r.stderr);
  const d = await createDatabase(cluster.url);
  const db = await openPostgres(d.url);
  t = performance.now();
  const w = createPgDealWriter(db);
  await w.begin();
  const run = await w.createRun('csv','x', 'now');
  console.log('empty', await w.isStoreEmpty());
  const restore = await w.suspendIndexes();
  for (let i = 0; i < deals.length; i += 700) await w.insertNewMany(deals.slice(i, i + 700) as any, 'csv:x', run, '2024-01-01T00:00:00Z');
  console.log('inserted', (performance.now()-t)/1000);
  await restore();
  await w.commit();
  console.log('writer', (performance.now()-t)/1000);
  t = performance.now();
  const table = await createPostgresStore(db).deals.loadTable('2026-12-01');
  console.log('loadTable', (performance.now()-t)/1000, table.n ?? '');
  await db.$client.query('analyze deals');
  const ex = await db.$client.query("explain SELECT id, created_date FROM deals WHERE deleted_at IS NULL AND created_date <= '2026-12-01' ORDER BY rowid");
  console.log(ex.rows.map((r) => r['QUERY PLAN']).join('\n'));
  const { to } = await import('pg-copy-streams');
  for (const q of ["COPY (SELECT id, created_date, closed_date, assigned_date, rep_id, industry, region, product, lead_source, stage, amount, outcome FROM deals WHERE deleted_at IS NULL AND created_date <= '2026-12-01' ORDER BY rowid) TO STDOUT", "COPY (SELECT id, created_date, closed_date, assigned_date, rep_id, industry, region, product, lead_source, stage, amount, outcome FROM deals WHERE deleted_at IS NULL AND created_date <= '2026-12-01') TO STDOUT"]) {
    const c = await db.$client.connect();
    t = performance.now();
    await c.query('begin'); await c.query("set local work_mem = '512MB'");
    let n = 0;
    for await (const chunk of c.query(to(q))) n += chunk.length;
    console.log('copy only', (performance.now()-t)/1000, n); await c.query('commit');
    c.release();
  }
  t = performance.now();
  await createPostgresStore(db).deals.loadTable('2026-12-01');
  console.log('loadTable warm', (performance.now()-t)/1000);
  const { openDatabase } = await import('./src/adapters/storage/database.ts');
  const { createDealWriter } = await import('./src/adapters/storage/deal-writer.ts');
  const { createSqliteStore } = await import('./src/adapters/storage/sqlite-store.ts');
  const sdb = openDatabase('/tmp/pgbench/s.db');
  const sw = createDealWriter(sdb); sw.begin(); for (const d of deals) sw.insertNew(d as any, 'csv:x', 1, 'x'); sw.commit();
  for (let k = 0; k < 2; k++) {
    t = performance.now();
    createSqliteStore(sdb).deals.loadTable('2026-12-01');
    console.log('sqlite loadTable', (performance.now()-t)/1000);
    t = performance.now();
    await createPostgresStore(db).deals.loadTable('2026-12-01');
    console.log('pg loadTable', (performance.now()-t)/1000);
  }
  await closePostgres(db);
} finally { cluster.destroy(); }
process.exit(0);
