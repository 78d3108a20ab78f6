/** The InstanceStore port on PostgreSQL: one row per process, its heartbeat and clean stop. */
import type { InstanceStore } from '../../app/ports/instance-store.js';
import {
  INSTANCE_COLUMNS,
  type InstanceRow,
  registerCells,
  toInstanceRecord,
} from '../store-rows/instance-rows.js';
import { type PgDb, rows } from './database.js';

export function pgInstanceStore(db: PgDb): InstanceStore {
  const c = db.$client;
  return {
    async register(i, now) {
      await c.query(
        `insert into instances (id, host, pid, version, started_at, heartbeat_at)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (id) do update set heartbeat_at = excluded.heartbeat_at, stopped_at = null`,
        registerCells(i, now),
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
          `select ${INSTANCE_COLUMNS} from instances
           where heartbeat_at >= $1 order by heartbeat_at desc, id`,
          [since.toISOString()],
        )
      ).map(toInstanceRecord),
  };
}
