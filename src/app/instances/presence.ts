/**
 * This process's row among the instances serving the database: registered at start,
 * heartbeated while it runs, marked stopped on a clean stop. A crashed instance's row just
 * stops being renewed; `dealfit status` shows the instances heard from lately.
 */
import type { InstanceInfo, InstanceStore } from '../ports/instance-store.js';

export interface Presence {
  readonly id: string;
  stop(): Promise<void>;
}

export async function startPresence(
  store: InstanceStore,
  info: InstanceInfo,
  o: { heartbeatMs: number; now: () => Date; log?: (line: string) => void },
): Promise<Presence> {
  await store.register(info, o.now());
  const timer = setInterval(() => {
    store
      .heartbeat(info.id, o.now())
      .catch((error: Error) => o.log?.(`instance heartbeat failed: ${error.message}`));
  }, o.heartbeatMs);
  timer.unref();
  return {
    id: info.id,
    async stop() {
      clearInterval(timer);
      await store.stopped(info.id, o.now());
    },
  };
}
