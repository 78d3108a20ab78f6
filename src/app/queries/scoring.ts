/**
 * Scoring deals against an in-memory FitIndex: the per (rep, industry) sorted close days
 * with cumulative wins, plus the flag reference set. Built once per metrics run (or per
 * query); scoring one new or re-assigned deal is then a few binary searches and two Beta
 * quantiles, never a recomputation of the world.
 */

import { fromDayNumber, toDayNumber } from '../../domain/dates.js';
import { NOT_SET } from '../../domain/deal.js';
import type { DealTable } from '../../domain/deal-table.js';
import {
  FitIndex,
  type FitScore,
  type Flag,
  fitInterval,
  flagOf,
  type ReferenceSet,
  referenceSet,
  scoreAllDeals,
} from '../../domain/fit-score.js';
import type { StatFns } from '../../domain/stats.js';
import { statFns } from '../stat-fns.js';
import { NO_COLEAD_WITHOUT_INDUSTRY, type RsfsReport } from './query-results.js';

export interface ScoringContext {
  asOf: string;
  table: DealTable;
  index: FitIndex;
  /** every deal's rsfs at its own assignment day, table order */
  rsfs: Float64Array;
  rawN: Int32Array;
  reference: ReferenceSet;
  /** table row of a deal id, or undefined (the id map is built on first use) */
  rowOf(dealId: string): number | undefined;
}

export function buildScoringContext(table: DealTable): ScoringContext {
  const index = new FitIndex(table);
  const { rsfs, rawN } = scoreAllDeals(index);
  let ids: Map<string, number> | undefined;
  const rowOf = (dealId: string) => {
    if (!ids) {
      ids = new Map();
      for (let i = 0; i < table.size; i++) ids.set(table.ids[i]!, i);
    }
    return ids.get(dealId);
  };
  return {
    asOf: fromDayNumber(table.asOf),
    table,
    index,
    rsfs,
    rawN,
    reference: referenceSet(table, rsfs),
    rowOf,
  };
}

export interface DealToScore {
  repId: string;
  /** null = not set: the score is the owner's pooled overall rate */
  industry: string | null;
  createdDate: string;
  /** re-assignment date, when known */
  assignedDate?: string | null;
}

export interface DealScore extends FitScore {
  assignedAt: string;
  ci: [number, number];
  flag: Flag;
  percentile: number;
}

/** Scores one deal (new, re-assigned or known) against the context's data. */
export function scoreDeal(
  ctx: ScoringContext,
  deal: DealToScore,
  fns: Pick<StatFns, 'betaQuantile'> = statFns,
): DealScore {
  const assignedAt =
    deal.assignedDate && deal.assignedDate > deal.createdDate
      ? deal.assignedDate
      : deal.createdDate;
  const t = toDayNumber(assignedAt);
  if (Number.isNaN(t)) throw new RangeError(`not a calendar date: "${assignedAt}"`);
  const score = ctx.index.scoreLabels(deal.repId, deal.industry, t);
  return {
    ...score,
    assignedAt,
    ci: fitInterval(score, fns),
    ...flagOf(score.rsfs, ctx.reference),
  };
}

/**
 * A deal's RSFS card from its score: the one shape `/rsfs`, `dealfit rsfs` and the co-lead
 * card share, so the card can never disagree with the command.
 */
export function rsfsReportOf(
  ctx: ScoringContext,
  s: DealScore,
  facts: {
    dealId: string;
    repId: string;
    industry: string | null;
    coleadCandidates: RsfsReport['coleadCandidates'];
    deal: RsfsReport['deal'];
    asOf: string;
  },
): RsfsReport {
  return {
    dealId: facts.dealId,
    repId: facts.repId,
    industry: facts.industry ?? NOT_SET,
    assignedAt: s.assignedAt,
    raw: s.raw,
    rsfs: s.rsfs,
    ci: s.ci,
    source: s.source,
    industryNotSet: s.industryNotSet,
    flag: s.flag,
    percentile: s.percentile,
    reference: {
      size: ctx.reference.sorted.length,
      from: fromDayNumber(ctx.reference.from),
      to: fromDayNumber(ctx.reference.to),
    },
    k: s.k,
    kRep: s.kRep,
    coleadCandidates: facts.coleadCandidates,
    noColead: facts.industry === null ? NO_COLEAD_WITHOUT_INDUSTRY : null,
    deal: facts.deal,
    asOf: facts.asOf,
  };
}
