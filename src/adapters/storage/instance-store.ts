/** The InstanceStore port on SQLite: one row per process, its heartbeat and clean stop. */
import type { InstanceRecord, InstanceStore } from '../../app/ports/instance-store.js';
import type { Db } from './database.js';

interface InstanceRow {
  id: string;
  host: string;
  pid: number;
  version: string;
  started_at: string;
  heartbeat_at: string;
  stopped_at: string | null;
}

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
    `select id, host, pid, version, started_at, heartbeat_at, stopped_at from instances
     where heartbeat_at >= ? order by heartbeat_at desc, id`,
  );
  return {
    register: async (i, now) => {
      insert.run(i.id, i.host, i.pid, i.version, i.startedAt, now.toISOString());
    },
    heartbeat: async (id, now) => {
      beat.run(now.toISOString(), id);
    },
    stopped: async (id, now) => {
      stop.run(now.toISOString(), now.toISOString(), id);
    },
    seenSince: async (since) =>
      seen.all(since.toISOString()).map(
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
