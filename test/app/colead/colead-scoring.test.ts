import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { ContextScoring } from '../../../src/app/colead/colead-scoring.js';
import { runMetrics } from '../../../src/app/jobs/metrics-run.js';
import { queryRsfs } from '../../../src/app/queries/metric-queries.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { createTestDb } from '../../helpers/test-db.js';

describe('co-lead scoring from the metrics run context', () => {
  it('scores an open deal exactly as /rsfs does, with every rep fit in its industry', async () => {
    const db = createTestDb();
    const store = createSqliteStore(db);
    insertDemoDeals(db, { deals: 4000 });
    const run = await runMetrics(store, { now: () => new Date('2024-07-01T06:00:00Z') });
    const scoring = new ContextScoring(store);
    scoring.setContext(run.context);
    const red = await scoring.redOpenDeals();
    expect((await red).length).toBeGreaterThan(0);
    const dealId = red[0] as string;
    const fit = await scoring.dealFit(dealId);
    expect(fit).not.toBeNull();
    expect(fit?.report).toEqual(await queryRsfs(createSqliteStore(db), { dealId: dealId }));
    expect(fit?.report.flag).toBe('RED');
    expect(fit?.owner.rsfs).toBeCloseTo(fit?.report.rsfs ?? 0, 12);
    const owner = fit?.fits.find((f) => f.repId === fit.report.repId);
    expect(owner?.rsfs).toBeCloseTo(fit?.report.rsfs ?? 0, 12);
    // the Beta posterior mean is the rsfs
    for (const f of fit?.fits ?? []) expect(f.alpha / (f.alpha + f.beta)).toBeCloseTo(f.rsfs, 12);
  });

  it('answers null for a closed or unknown deal', async () => {
    const db = createTestDb();
    const store = createSqliteStore(db);
    insertDemoDeals(db, { deals: 1000 });
    const scoring = new ContextScoring(store);
    const closed = db.$client
      .prepare('select id from deals where outcome is not null limit 1')
      .pluck()
      .get() as string;
    expect(await scoring.dealFit(closed)).toBeNull();
    expect(await scoring.dealFit('D_NOPE')).toBeNull();
  });
});
