/**
 * A co-lead setup on a real (in-memory) store: deals in the table so workloads count, a
 * scoring port that answers with fixed fits, and deps wired to the real card builders.
 */

import { buildColeadBatchSummary } from '../../src/adapters/slack/blocks/colead-batch.js';
import {
  buildColeadDm,
  buildColeadStateCard,
} from '../../src/adapters/slack/blocks/colead-state-card.js';
import type { Db } from '../../src/adapters/storage/database.js';
import { deals } from '../../src/adapters/storage/schema.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import type { ColeadDeps, DealFit } from '../../src/app/colead/colead-types.js';
import type { Messenger } from '../../src/app/ports/messenger.js';
import type { RepFit } from '../../src/domain/co-lead.js';
import type { FitEvidence } from '../../src/domain/fit-evidence.js';
import { rsfsReport } from './report-fixtures.js';
import { openDeal } from './store-seed.js';

export function repFit(repId: string, won: number, n: number, k = 20, prior = 0.45): RepFit {
  const alpha = won + k * prior;
  const beta = n - won + k * (1 - prior);
  return { repId, rsfs: alpha / (alpha + beta), n, alpha, beta };
}

/** rep_19 owns D04521 (HealthTech, RED); rep_23, rep_24, rep_25 are the best fits. */
export function dealFit(dealId = 'D04521', owner = 'rep_19'): DealFit {
  const report = { ...rsfsReport(), dealId, repId: owner };
  return {
    report,
    owner: repFit(owner, 5, 18),
    fits: [
      repFit(owner, 5, 18),
      repFit('rep_23', 20, 31),
      repFit('rep_24', 17, 30),
      repFit('rep_25', 15, 29),
      repFit('rep_26', 10, 28),
      repFit('rep_27', 3, 4),
    ],
  };
}

/** Inserts open deals so the workload cap has something to count (through drizzle: SQLite's). */
export function seedOpenDeals(db: Db, ownerByDeal: Record<string, string>): void {
  for (const [id, repId] of Object.entries(ownerByDeal)) {
    db.insert(deals)
      .values({ ...openDeal(id, repId), source: 'test', updatedAt: '2024-06-30T00:00:00Z' })
      .run();
  }
}

/** A driver model in which fit goes with winning: the batch proposes as before. */
export const ASSOCIATED: FitEvidence = {
  association: 'associated',
  auc: { value: 0.61, ci: [0.58, 0.63] },
  modelAsOf: '2024-06-30',
  n: 1000,
};

/** A driver model in which fit is not distinguishable from chance. */
export const CHANCE: FitEvidence = {
  association: 'chance',
  auc: { value: 0.5, ci: [0.47, 0.53] },
  modelAsOf: '2024-06-30',
  n: 1000,
};

export function coleadDeps(
  db: Db,
  messenger: Messenger,
  clock: { now: Date },
  fits: Record<string, DealFit> = {},
  overrides: Partial<ColeadDeps> = {},
): ColeadDeps {
  return {
    store: createSqliteStore(db),
    messenger,
    render: {
      card: buildColeadStateCard,
      dm: buildColeadDm,
      batchSummary: buildColeadBatchSummary,
    },
    scoring: {
      dealFit: async (id) => fits[id] ?? null,
      redOpenDeals: async () => Object.keys(fits).filter((id) => fits[id]?.report.flag === 'RED'),
    },
    managersChannel: 'CMGRS',
    managerIds: ['UMGR1', 'UMGR2'],
    repUsers: { rep_19: 'U019', rep_23: 'U023', rep_24: 'U024' },
    capRatio: 0.8,
    expiryDays: 7,
    evidence: async () => ASSOCIATED,
    whenWeak: 'withhold',
    now: () => clock.now,
    ...overrides,
  };
}
