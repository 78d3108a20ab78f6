/**
 * The jobs' computation in the query thread (the running app) against the same code in
 * this thread (CLI, tests): the same figures stored, the same deal fits; and the main
 * event loop keeps turning while a metrics run computes.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { computeInThisThread, type JobCompute } from '../../../src/app/jobs/job-compute.js';
import { inQueryThread } from '../../../src/wiring/query-thread.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { createTempDbPath } from '../../helpers/test-db.js';

const NOW = '2024-07-01T06:00:00.000Z';

describe('job computation in the query thread', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  function twoStores(deals: number) {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const seeded = openDatabase(tmp.path);
    insertDemoDeals(seeded, { deals });
    closeDatabase(seeded);
    const copy = join(tmp.dir, 'copy.db');
    copyFileSync(tmp.path, copy);
    const threaded = inQueryThread({ dbPath: tmp.path });
    cleanups.push(() => threaded.close());
    const inThreadDb = openDatabase(copy);
    const readerDb = openDatabase(tmp.path);
    cleanups.push(
      () => closeDatabase(inThreadDb),
      () => closeDatabase(readerDb),
    );
    return {
      threaded: threaded.compute,
      questions: threaded.queries,
      inThread: computeInThisThread(createSqliteStore(inThreadDb)),
      readerDb,
      inThreadDb,
    };
  }

  const stored = (db: ReturnType<typeof openDatabase>) =>
    db.$client
      .prepare(
        'SELECT as_of, metric, dimension, segment, value, n, ci_lo, ci_hi FROM metric_history ORDER BY id',
      )
      .all();

  it('stores the same figures and scores a deal the same as in this thread', async () => {
    const { threaded, inThread, readerDb, inThreadDb } = twoStores(3000);
    const there = await threaded.metricsRun(NOW);
    const here = await inThread.metricsRun(NOW);
    const { timings: _t1, ...thereSummary } = there.summary;
    const { timings: _t2, ...hereSummary } = here.summary;
    expect(thereSummary).toEqual(hereSummary);
    expect(there.winRate90).toEqual(here.winRate90);
    expect(there.momentum).toEqual(here.momentum);
    expect(stored(readerDb)).toEqual(stored(inThreadDb));
    expect(stored(readerDb).length).toBeGreaterThan(0);

    const red = await inThread.redOpenDeals();
    expect(red.length).toBeGreaterThan(0);
    for (const dealId of [red[0]!, 'D_NOPE']) {
      expect(await threaded.dealFit(dealId)).toEqual(await inThread.dealFit(dealId));
    }
    const drivers = await threaded.driversRun(NOW);
    expect(drivers).toEqual(await inThread.driversRun(NOW));
    expect(await threaded.currentFigures()).toEqual(await inThread.currentFigures());
    const audit = await threaded.audit();
    expect(audit.reps.length).toBeGreaterThan(0);
    expect(audit).toEqual(await inThread.audit());
  }, 60_000);

  it('keeps the main event loop turning while the metrics run computes', async () => {
    const { threaded, inThread } = twoStores(60_000);
    const ticksDuring = async (compute: Pick<JobCompute, 'metricsRun'>) => {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      await compute.metricsRun(NOW);
      clearInterval(timer);
      return ticks;
    };
    // in this thread the run holds the loop from start to end: no tick gets in
    expect(await ticksDuring(inThread)).toBe(0);
    expect(await ticksDuring(threaded)).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('answers a question while a metrics run computes in the jobs thread', async () => {
    const { threaded, questions } = twoStores(60_000);
    await questions.run('winRate', { window: 90 }); // the question thread is warm
    const finished: string[] = [];
    const run = threaded.metricsRun(NOW).then(() => finished.push('metrics run'));
    await new Promise((r) => setTimeout(r, 50)); // the run has started
    await questions.run('winRate', { window: 90 }).then(() => finished.push('question'));
    await run;
    // one shared thread would have queued the question behind the run
    expect(finished).toEqual(['question', 'metrics run']);
  }, 120_000);
});
