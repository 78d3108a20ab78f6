/**
 * A dealfit instance as its own process (`src/main.ts`, HTTP mode) for the tests of
 * several instances on one database: its port from the start-up line, its output, its pid
 * (an instance id is host:pid:suffix), a clean stop and a `kill -9`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../..');
// as test/main.test.ts: node with tsx's loader, so signals reach the app itself
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface InstanceProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** where Slack's signed requests go */
  url: string;
  output(): string;
  /** resolves when the output matches */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
  /** SIGKILL: no clean stop, no lease released */
  kill(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startInstance(env: Record<string, string>): Promise<InstanceProcess> {
  let text = '';
  const child = spawn(process.execPath, ['--import', TSX_LOADER, resolve(ROOT, 'src/main.ts')], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    text += d;
  });
  child.stderr?.on('data', (d) => {
    text += d;
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const waitFor = async (pattern: RegExp, timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(text);
      if (match) return match;
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
        throw new Error(`instance ${child.pid}: no ${pattern}:\n${text.slice(-3000)}`);
      }
      await sleep(20);
    }
  };
  const port = Number((await waitFor(/listening for Slack on port (\d+)/))[1]);
  return {
    child,
    pid: child.pid!,
    port,
    url: `http://127.0.0.1:${port}/slack/events`,
    output: () => text,
    waitFor,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
