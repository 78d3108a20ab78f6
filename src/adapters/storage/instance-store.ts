/** The InstanceStore port on SQLite: one row per process, its heartbeat and clean stop. */
import type { InstanceStore } from '../../app/ports/instance-store.js';
import {
  INSTANCE_COLUMNS,
  type InstanceRow,
  registerCells,
  toInstanceRecord,
} from '../store-rows/instance-rows.js';
import type { Db } from './database.js';

export function sqliteInstanceStore(db: Db): InstanceStore {
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    `insert into instances (id, host, pid, version, started_at, heartbeat_at)
     values (?, ?, ?, ?, ?, ?)
     on conflict (id) do update set heartbeat_at = excluded.heartbeat_at, stopped_at = null`,
  );
  const beat = sqlite.prepare('update instances set heartbeat_at = ? where id = ?');
  const stop = sqlite.prepare('update instances set heartbeat_at = ?, stopped_at = ? where id = ?');
  const seen = sqlite.prepare<[string], InstanceRow>(
    `select ${INSTANCE_COLUMNS} from instances
     where heartbeat_at >= ? order by heartbeat_at desc, id`,
  );
  return {
    register: async (i, now) => {
      insert.run(registerCells(i, now));
    },
    heartbeat: async (id, now) => {
      beat.run(now.toISOString(), id);
    },
    stopped: async (id, now) => {
      stop.run(now.toISOString(), now.toISOString(), id);
    },
    seenSince: async (since) => seen.all(since.toISOString()).map(toInstanceRecord),
  };
}
