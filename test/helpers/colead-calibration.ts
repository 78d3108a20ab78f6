/**
 * The co-lead calibration study (metrics.md "Co-lead matching" step 4): generated deals
 * whose true rep × industry win rates the generator knows, the real metrics run and the
 * real co-lead batch (dry run, so every RED deal gets its top-ranked co-lead), and for
 * each proposal whether its lift was called credible and whether the true difference lay
 * inside its interval. Used by a test (a few seeds) and `npm run bench:colead` (10 seeds).
 *
 * "before" re-scores the same RED deals with the old definitions (one k for both levels,
 * the Beta posteriors' 90% interval, no correction for picking the best of m), so the
 * bench can show both side by side in one run.
 */
import { buildColeadBatchSummary } from '../../src/adapters/slack/blocks/colead-batch.js';
import {
  buildColeadDm,
  buildColeadStateCard,
} from '../../src/adapters/slack/blocks/colead-state-card.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import type { ColeadDeps } from '../../src/app/colead/colead-types.js';
import { proposeForRedDeals } from '../../src/app/colead/propose.js';
import { computeInThisThread } from '../../src/app/jobs/job-compute.js';
import { storedFitEvidence } from '../../src/app/queries/fit-evidence-query.js';
import { resolveAsOf } from '../../src/app/queries/metric-queries.js';
import { buildScoringContext } from '../../src/app/queries/scoring.js';
import { statFns } from '../../src/app/stat-fns.js';
import { expectedLift, type RepFit } from '../../src/domain/co-lead.js';
import {
  DEFAULT_DEMO_OPTIONS,
  type DemoOptions,
  demoTrueWinRates,
  NO_EFFECTS,
} from '../../src/domain/demo-deals.js';
import type { FitEvidence } from '../../src/domain/fit-evidence.js';
import { combine, countIn, HISTORY_DAYS, MIN_CELL_N } from '../../src/domain/fit-score.js';
import { insertDemoDeals } from './demo-db.js';
import { createRecordingMessenger } from './recording-messenger.js';
import { createTestDb } from './test-db.js';

export interface CalibrationOptions {
  seed: number;
  /** planted rep × industry skill, sd in log-odds (0 = none; 0.5 ≈ 12pp at a 45% base) */
  skillSd: number;
}

export interface CardTally {
  proposals: number;
  /** lift called credible (interval above 0) */
  credible: number;
  /** the true difference inside the card's interval */
  covered: number;
}

export interface CalibrationResult {
  after: CardTally;
  before: CardTally;
  /** the driver model's fit evidence, and whether the batch judged it weak */
  evidence: FitEvidence & { weak: boolean };
}

/** The setting: 10,300 deals, 25 reps, 5 industries, about 300 open. */
export function calibrationDemo(o: CalibrationOptions): DemoOptions {
  return {
    ...DEFAULT_DEMO_OPTIONS,
    seed: o.seed,
    deals: 10_300,
    reps: 25,
    openShare: 300 / 10_300,
    effects: { ...NO_EFFECTS, repIndustrySkillSd: o.skillSd },
  };
}

const tally = (): CardTally => ({ proposals: 0, credible: 0, covered: 0 });

export async function runColeadCalibration(o: CalibrationOptions): Promise<CalibrationResult> {
  const demo = calibrationDemo(o);
  const db = createTestDb();
  insertDemoDeals(db, demo);
  const store = createSqliteStore(db);
  const compute = computeInThisThread(store);
  const now = '2024-07-01T06:00:00Z';
  await compute.driversRun(now);
  await compute.metricsRun(now);
  const deps: ColeadDeps = {
    store,
    messenger: createRecordingMessenger(),
    render: {
      card: buildColeadStateCard,
      dm: buildColeadDm,
      batchSummary: buildColeadBatchSummary,
    },
    scoring: compute,
    managersChannel: 'CMGRS',
    managerIds: [],
    repUsers: {},
    capRatio: 0.8,
    expiryDays: 7,
    evidence: () => storedFitEvidence(store),
    // every RED deal's card, so each lift is counted; the weak verdict is reported apart
    whenWeak: 'propose',
    now: () => new Date(now),
  };
  const batch = await proposeForRedDeals(deps, { dryRun: true });
  const truth = demoTrueWinRates(demo);
  const trueRate = (rep: string, industry: string) => truth.get(`${rep}|${industry}`)!;
  const after = tally();
  const before = tally();
  const ctx = buildScoringContext(await store.deals.loadTable(await resolveAsOf(store)));
  for (const r of batch.results) {
    if (r.status !== 'proposed' || !r.proposal.lift || !r.proposal.coleadRepId) continue;
    const p = r.proposal;
    const lift = p.lift!;
    const diff = trueRate(p.coleadRepId!, p.industry) - trueRate(p.ownerRepId, p.industry);
    after.proposals++;
    if (lift.credible) after.credible++;
    if (lift.ci[0] <= diff && diff <= lift.ci[1]) after.covered++;

    const old = oldLift(ctx, p.dealId, p.ownerRepId, p.industry);
    if (!old) continue;
    const oldDiff = trueRate(old.coleadRepId, p.industry) - trueRate(p.ownerRepId, p.industry);
    before.proposals++;
    if (old.lift.ci[0] > 0) before.credible++;
    if (old.lift.ci[0] <= oldDiff && oldDiff <= old.lift.ci[1]) before.covered++;
  }
  db.$client.close();
  return { after, before, evidence: batch.evidence };
}

/**
 * The old card for the same deal: one k at both levels, Beta-posterior variances, a plain
 * 90% interval, the best-ranked candidate under those scores.
 */
function oldLift(
  ctx: ReturnType<typeof buildScoringContext>,
  dealId: string,
  ownerRepId: string,
  industry: string,
) {
  const row = ctx.rowOf(dealId);
  if (row === undefined) return null;
  const index = ctx.index;
  const t = ctx.table.assigned[row]!;
  const ind = index.industryCode.get(industry)!;
  const global = countIn(index.all, 0, t - HISTORY_DAYS, t);
  const k = index.kAt(t);
  const fitOf = (r: number): RepFit & { n: number } => {
    const cell = countIn(index.cells, r * index.nInd + ind, t - HISTORY_DAYS, t);
    const s = combine(cell, countIn(index.reps, r, t - HISTORY_DAYS, t), global, k, k);
    return {
      repId: index.table.labels.rep[r]!,
      rsfs: s.rsfs,
      n: cell.n,
      alpha: s.alpha,
      beta: s.beta,
    };
  };
  const owner = fitOf(index.repCode.get(ownerRepId)!);
  let best: (RepFit & { n: number }) | null = null;
  for (let r = 0; r < index.nRep; r++) {
    const f = fitOf(r);
    if (f.repId === ownerRepId || f.n < MIN_CELL_N) continue;
    if (!best || f.rsfs > best.rsfs || (f.rsfs === best.rsfs && f.n > best.n)) best = f;
  }
  if (!best) return null;
  // no `variance` on the fits: the Beta posteriors'; m = 1: no selection correction
  return { coleadRepId: best.repId, lift: expectedLift(best, owner, 1, statFns) };
}
