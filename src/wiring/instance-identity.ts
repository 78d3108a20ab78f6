/** Who this process is among the instances on one database: id, host, pid, version. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InstanceInfo } from '../app/ports/instance-store.js';

function packageVersion(): string {
  const path = resolve(dirname(fileURLToPath(import.meta.url)), '../../package.json');
  try {
    return String((JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown }).version);
  } catch {
    return 'unknown';
  }
}

/** host:pid plus a random suffix: a pid reused after a restart is another instance. */
export function thisInstance(now: Date): InstanceInfo {
  const host = hostname();
  return {
    id: `${host}:${process.pid}:${randomBytes(3).toString('hex')}`,
    host,
    pid: process.pid,
    version: packageVersion(),
    startedAt: now.toISOString(),
  };
}
