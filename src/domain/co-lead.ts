/**
 * Co-lead matching for a RED deal (metrics.md "Co-lead matching"): top 3 reps by pooled
 * RSFS in the deal's industry, round-robin per industry, workload-capped, with alternates
 * and an expected lift whose interval is honest about what was estimated (both scores'
 * prior means included) and about what was selected (the co-lead is the best of m ranked
 * candidates: Bonferroni, level 1 − 0.10/m).
 */
import { betaVariance } from './fit-score.js';
import type { StatFns } from './stats.js';

/** A rep's pooled fit in one industry at time t, with its Beta posterior. */
export interface RepFit {
  repId: string;
  rsfs: number;
  /** the rep's closed deals in the industry within the RSFS window */
  n: number;
  alpha: number;
  beta: number;
  /**
   * rsfs's variance with its prior mean's uncertainty (FitScore.variance); absent on
   * cards stored before it existed, which fall back to the Beta posterior's
   */
  variance?: number;
}

export interface RepLoad {
  /** co-lead assignments currently active (proposed, reassigned or approved, deal open) */
  activeAdvisory: number;
  /** deals this rep owns that are open */
  ownOpen: number;
}

export interface MatchInput {
  ownerRepId: string;
  owner: RepFit;
  /** every rep's fit in the deal's industry; the owner and reps with n < 5 are ignored */
  fits: RepFit[];
  loads: ReadonlyMap<string, RepLoad>;
  /** the rep chosen last time in this industry (round-robin position), if any */
  lastChosenInIndustry: string | null;
  capRatio: number;
  minDeals?: number;
  fns: Pick<StatFns, 'normalQuantile'>;
}

export interface Lift {
  value: number;
  /** the 1 − 0.10/m interval (normal approximation) */
  ci: [number, number];
  /** the interval's lower bound is above 0 */
  credible: boolean;
  /** the interval includes 0: say "within chance" */
  withinChance: boolean;
  /** m: the ranked candidates the co-lead was picked from (the Bonferroni divisor) */
  candidates: number;
  /** the interval's level, 1 − 0.10/m */
  level: number;
}

export interface MatchResult {
  coleadRepId: string | null;
  /** the other two of the top 3 (or fewer when fewer qualify) */
  alternates: string[];
  /** the ranked candidates considered, best first */
  ranked: RepFit[];
  lift: Lift | null;
  /** why nobody was proposed, or why the choice skipped someone */
  reason: string;
}

const DEFAULT_MIN_DEALS = 5;
/** the family-wise error of the lift's interval, shared over the m candidates */
const LIFT_ALPHA = 0.1;

export function advisoryCap(ownOpen: number, capRatio: number): number {
  return Math.max(1, Math.ceil(capRatio * ownOpen));
}

const varianceOf = (fit: RepFit) => fit.variance ?? betaVariance(fit.alpha, fit.beta);

/**
 * rsfs(co-lead) − rsfs(owner) with a normal-approximation interval at level 1 − 0.10/m,
 * m = the ranked candidates the co-lead was picked from (metrics.md step 4).
 */
export function expectedLift(
  colead: RepFit,
  owner: RepFit,
  candidates: number,
  fns: Pick<StatFns, 'normalQuantile'>,
): Lift {
  const m = Math.max(1, candidates);
  const level = 1 - LIFT_ALPHA / m;
  const z = fns.normalQuantile(1 - LIFT_ALPHA / m / 2);
  const value = colead.rsfs - owner.rsfs;
  const sd = Math.sqrt(varianceOf(colead) + varianceOf(owner));
  const ci: [number, number] = [value - z * sd, value + z * sd];
  return {
    value,
    ci,
    credible: ci[0] > 0,
    withinChance: ci[0] <= 0 && ci[1] >= 0,
    candidates: m,
    level,
  };
}

/** Ties: higher rsfs, then more deals, then rep id (metrics.md step 1). */
export function rankCandidates(fits: RepFit[], ownerRepId: string, minDeals: number): RepFit[] {
  return fits
    .filter((f) => f.repId !== ownerRepId && f.n >= minDeals)
    .sort((a, b) => b.rsfs - a.rsfs || b.n - a.n || compareRepIds(a.repId, b.repId));
}

/** rep_2 before rep_10: ids compare by their numeric parts when both have them. */
function compareRepIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The top 3 in round-robin order: starting just after the last chosen rep when it is one of them. */
function roundRobinOrder(top: RepFit[], lastChosen: string | null): RepFit[] {
  const last = top.findIndex((f) => f.repId === lastChosen);
  if (last < 0) return top;
  return [...top.slice(last + 1), ...top.slice(0, last + 1)];
}

export function matchColead(input: MatchInput): MatchResult {
  const ranked = rankCandidates(input.fits, input.ownerRepId, input.minDeals ?? DEFAULT_MIN_DEALS);
  const top = ranked.slice(0, 3);
  if (ranked.length === 0) {
    return {
      coleadRepId: null,
      alternates: [],
      ranked,
      lift: null,
      reason: `no other rep has ${input.minDeals ?? DEFAULT_MIN_DEALS}+ closed deals in this industry in the last 365 days`,
    };
  }
  const hasRoom = (fit: RepFit) => {
    const load = input.loads.get(fit.repId) ?? { activeAdvisory: 0, ownOpen: 0 };
    return load.activeAdvisory < advisoryCap(load.ownOpen, input.capRatio);
  };
  const chosen =
    roundRobinOrder(top, input.lastChosenInIndustry).find(hasRoom) ?? ranked.slice(3).find(hasRoom);
  if (!chosen) {
    return {
      coleadRepId: null,
      alternates: top.map((f) => f.repId),
      ranked,
      lift: null,
      reason: `all ${ranked.length} qualified reps are at their co-lead cap (${Math.round(input.capRatio * 100)}% of their own open deals)`,
    };
  }
  const inTop = top.some((f) => f.repId === chosen.repId);
  return {
    coleadRepId: chosen.repId,
    alternates: top
      .filter((f) => f.repId !== chosen.repId)
      .slice(0, 2)
      .map((f) => f.repId),
    ranked,
    lift: expectedLift(chosen, input.owner, ranked.length, input.fns),
    reason: inTop
      ? 'top-3 fit in this industry, next in round-robin with room under the cap'
      : 'the top 3 are at their co-lead cap; next best rep with room',
  };
}
