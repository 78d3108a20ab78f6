/**
 * kill -9 in the middle of paging: the real CLI runs in a child process against the fake
 * org running here; the fake holds one page request open so the kill lands mid-sync, after
 * earlier pages were read and handed to the pipeline.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../../src/adapters/storage/database.js';
import { readLastWatermark } from '../../../src/adapters/storage/sync-health.js';
import { runDealfit } from '../../helpers/run-cli.js';
import { startTestOrg } from '../../helpers/salesforce-test-org.js';
import { createTempDbPath } from '../../helpers/test-db.js';

const BIN = resolve(import.meta.dirname, '../../../bin/dealfit.js');
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function snapshot(path: string) {
  const db: Db = openDatabase(path);
  try {
    const deals = db.$client.prepare('select * from deals order by id').all();
    return {
      deals: deals.length,
      dealsHash: createHash('sha256').update(JSON.stringify(deals)).digest('hex'),
      history: db.$client.prepare('select count(*) from deal_history').pluck().get(),
      watermark: readLastWatermark(db, 'salesforce', 'acme-test'),
    };
  } finally {
    closeDatabase(db);
  }
}

describe('Salesforce sync killed mid-paging', () => {
  it('leaves the watermark and the deals as they were, and the next sync catches up', async () => {
    const t = await startTestOrg({ opportunities: 6000 });
    cleanups.push(t.cleanup);
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const env = { ...t.env, DEALFIT_DB: tmp.path };
    expect((await runDealfit(['sync', 'salesforce'], env)).code).toBe(0);

    t.fake.tick(60 * 60_000);
    for (const id of [...t.fake.opportunities.keys()].slice(0, 5000)) {
      t.fake.update(id, { Amount: 155_555 });
    }
    const before = snapshot(tmp.path);
    // the child's 3rd API request (its 3rd page) never answers
    const hangAt = t.fake.apiRequestCount + 3;
    t.fake.failRequest(hangAt, 'hang');

    const child = spawn(process.execPath, [BIN, 'sync', 'salesforce', '--db', tmp.path], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...t.env },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.on('exit', (_code, signal) => done(signal)),
    );
    const deadline = Date.now() + 20_000;
    while (!t.fake.requests.some((r) => r.n === hangAt) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(t.fake.requests.some((r) => r.n === hangAt)).toBe(true);
    // give the child time to do whatever it would with the two pages it holds
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(snapshot(tmp.path)).toEqual(before);

    const next = await runDealfit(['sync', 'salesforce', '--json'], env);
    expect(next.code).toBe(0);
    expect(next.json()).toMatchObject({ summary: { status: 'succeeded', updated: 5000 } });
    const after = snapshot(tmp.path);
    expect(after.watermark).not.toBe(before.watermark);
  });
});
