import { spawnSync } from 'node:child_process';
import { startPrivateCluster, createDatabase } from './test/helpers/postgres-server.ts';
const cluster = await startPrivateCluster({ durable: true });
try {
  const d = await createDatabase(cluster.url);
  const r = spawnSync('psql', ['-X', d.url, '-f', '/tmp/pgbench/x.sql'], { encoding: 'utf8' });
  console.log(r.stdout, r.stderr);
  const p = spawnSync('psql', ['-X', d.url, '-c', 'create table plain2 as select * from plain_pk limit 0', '-c', '\\timing on', '-c', "\\copy plain2 from '/tmp/pgbench/deals1m.csv' with (format csv, header)"], { encoding: 'utf8' });
  console.log(p.stdout, p.stderr);
} finally { cluster.destroy(); }
