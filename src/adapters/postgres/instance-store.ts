/** The InstanceStore port on PostgreSQL: one row per process, its heartbeat and clean stop. */
import type { InstanceRecord, InstanceStore } from '../../app/ports/instance-store.js';
import { type PgDb, rows } from './database.js';

interface InstanceRow {
  id: string;
  host: string;
  pid: number;
  version: string;
  started_at: string;
  heartbeat_at: string;
  stopped_at: string | null;
}

export function pgInstanceStore(db: PgDb): InstanceStore {
  const c = db.$client;
  return {
    async register(i, now) {
      await c.query(
        `insert into instances (id, host, pid, version, started_at, heartbeat_at)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (id) do update set heartbeat_at = excluded.heartbeat_at, stopped_at = null`,
        [i.id, i.host, i.pid, i.version, i.startedAt, now.toISOString()],
      );
    },
    async heartbeat(id, now) {
      await c.query('update instances set heartbeat_at = $1 where id = $2', [
        now.toISOString(),
        id,
      ]);
    },
    async stopped(id, now) {
      await c.query('update instances set heartbeat_at = $1, stopped_at = $1 where id = $2', [
        now.toISOString(),
        id,
      ]);
    },
    seenSince: async (since) =>
      (
        await rows<InstanceRow>(
          c,
          `select id, host, pid, version, started_at, heartbeat_at, stopped_at from instances
           where heartbeat_at >= $1 order by heartbeat_at desc, id`,
          [since.toISOString()],
        )
      ).map(
        (r): InstanceRecord => ({
          id: r.id,
          host: r.host,
          pid: r.pid,
          version: r.version,
          startedAt: r.started_at,
          heartbeatAt: r.heartbeat_at,
          stoppedAt: r.stopped_at,
        }),
      ),
  };
}
