/**
 * A real PostgreSQL for the tests. With DEALFIT_TEST_DATABASE_URL set (CI: the system
 * cluster), that server; otherwise a private throwaway cluster from Debian's binaries
 * (/usr/lib/postgresql/N/bin) in a temporary folder on a free port, owned by the
 * `postgres` user when we run as root (the server refuses to run as root). Each test file
 * gets a fresh database of its own, dropped after. Never skips: without either it throws.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const NEED = "install Debian's postgresql or set DEALFIT_TEST_DATABASE_URL";

/** The newest /usr/lib/postgresql/N/bin that has initdb and pg_ctl. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter(
      (v) => existsSync(join(root, v, 'bin/initdb')) && existsSync(join(root, v, 'bin/pg_ctl')),
    )
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** A private cluster: its URL (user postgres, no password), and stop/start for the tests. */
export interface PrivateCluster {
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

const isRoot = () => process.getuid?.() === 0;

function asOwner(command: string, args: string[]): void {
  const [file, argv] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
  const run = spawnSync(file, argv, { encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`${command} failed (${run.status}): ${run.stderr || run.stdout}`);
  }
}

/**
 * initdb and start a cluster of our own in a temporary folder; `destroy` removes it. For
 * the tests it skips fsync (a crash loses a throwaway cluster); `durable` keeps the
 * server's defaults, for the bench.
 */
export async function startPrivateCluster(
  options: { durable?: boolean } = {},
): Promise<PrivateCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`no PostgreSQL server binaries found: ${NEED}`);
  const dir = mkdtempSync(join(tmpdir(), 'dealfit-pg-'));
  const data = join(dir, 'data');
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  asOwner(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  const port = await freePort();
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${
    options.durable ? '' : ' -c fsync=off -c full_page_writes=off -c synchronous_commit=off'
  }`;
  const ctl = (action: 'start' | 'stop') =>
    asOwner(
      join(bin, 'pg_ctl'),
      action === 'start'
        ? ['-D', data, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', 'start']
        : ['-D', data, '-m', 'fast', '-w', 'stop'],
    );
  ctl('start');
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (running) ctl('stop');
      running = false;
    },
    start() {
      if (!running) ctl('start');
      running = true;
    },
    destroy() {
      try {
        if (running) ctl('stop');
      } finally {
        running = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The URL of the same server with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A database of its own on `serverUrl`; `drop` removes it (ending its connections). */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `dealfit_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // byte order whatever the server's default: the schema says COLLATE "C" anyway
    await admin.query(`create database ${name} template template0 encoding 'UTF8'`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        // WITH (FORCE) may not end a backend of another role: an autovacuum worker (after
        // a big import) is the superuser's, and CI's role is not one. Such a worker gives
        // way within moments, so the drop is tried again for a while.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`drop database if exists ${name} with (force)`);
            return;
          } catch (error) {
            const insufficient = (error as { code?: string }).code === '42501';
            if (!insufficient || attempt >= 50) throw error;
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

let shared: Promise<{ url: string; cluster: PrivateCluster | null }> | undefined;

/**
 * The server the tests of this process use: DEALFIT_TEST_DATABASE_URL, else one private
 * cluster per test process (removed when the process exits).
 */
export function testServer(): Promise<{ url: string; cluster: PrivateCluster | null }> {
  shared ??= (async () => {
    const url = process.env.DEALFIT_TEST_DATABASE_URL;
    if (url) return { url, cluster: null };
    const cluster = await startPrivateCluster();
    process.once('exit', () => cluster.destroy());
    return { url: cluster.url, cluster };
  })();
  return shared;
}

/** A fresh database on the test server, for one test file or one test. */
export async function freshDatabase(): Promise<TestDatabase> {
  const { url } = await testServer();
  return createDatabase(url);
}
