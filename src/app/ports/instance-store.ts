/**
 * The dealfit processes that serve one database (the `instances` table behind a port):
 * each registers at start, heartbeats while it runs and notes a clean stop, so
 * `dealfit status` can show who is up and who ran which job.
 */
export interface InstanceInfo {
  id: string;
  host: string;
  pid: number;
  version: string;
  startedAt: string;
}

export interface InstanceRecord extends InstanceInfo {
  heartbeatAt: string;
  /** null while running, or after a crash (then the heartbeat stops) */
  stoppedAt: string | null;
}

export interface InstanceStore {
  register(instance: InstanceInfo, now: Date): Promise<void>;
  heartbeat(id: string, now: Date): Promise<void>;
  stopped(id: string, now: Date): Promise<void>;
  /** instances whose last heartbeat is at or after `since`, latest first */
  seenSince(since: Date): Promise<InstanceRecord[]>;
}
