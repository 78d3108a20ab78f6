/** instances rows ↔ the InstanceStore port's InstanceRecord. */
import type { InstanceInfo, InstanceRecord } from '../../app/ports/instance-store.js';

export interface InstanceRow {
  id: string;
  host: string;
  pid: number;
  version: string;
  started_at: string;
  heartbeat_at: string;
  stopped_at: string | null;
}

export const INSTANCE_COLUMNS = 'id, host, pid, version, started_at, heartbeat_at, stopped_at';

/** id, host, pid, version, started_at, heartbeat_at: a registration's columns, in order */
export const registerCells = (i: InstanceInfo, now: Date): Array<string | number> => [
  i.id,
  i.host,
  i.pid,
  i.version,
  i.startedAt,
  now.toISOString(),
];

export const toInstanceRecord = (r: InstanceRow): InstanceRecord => ({
  id: r.id,
  host: r.host,
  pid: r.pid,
  version: r.version,
  startedAt: r.started_at,
  heartbeatAt: r.heartbeat_at,
  stoppedAt: r.stopped_at,
});
