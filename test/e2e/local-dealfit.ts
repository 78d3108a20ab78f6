/**
 * Starts dealfit as a user would (`npx tsx src/main.ts`, no Slack tokens) on a temporary
 * store and a free port, and a headless Debian chromium driven by playwright-core with a
 * fresh profile. Never downloads a browser: CHROMIUM (default /usr/bin/chromium) must exist.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'test-output/e2e');

export interface LocalDealfit {
  url: string;
  output(): string;
  startupMs: number;
  stop(): Promise<void>;
}

export async function startLocalDealfit(): Promise<LocalDealfit> {
  const dir = mkdtempSync(join(tmpdir(), 'dealfit-e2e-'));
  const started = performance.now();
  let text = '';
  // the environment of a fresh clone: no Slack tokens, no .env
  // as `npm start` does: node --import tsx (the tsx CLI's signal relay can kill a busy child)
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
      resolve(ROOT, 'src/main.ts'),
    ],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DEALFIT_DB: join(dir, 'data/dealfit.db'),
        PORT: '0',
      },
    },
  );
  child.stdout?.on('data', (d) => {
    text += d;
  });
  child.stderr?.on('data', (d) => {
    text += d;
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (!url) {
    url = /dealfit local workspace: (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    if (child.exitCode !== null) throw new Error(`dealfit exited early:\n${text}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`no URL within 60 s:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    output: () => text,
    startupMs: performance.now() - started,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} not found: apt-get install -y chromium (see .ci/run)`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'dealfit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
