/**
 * Co-lead matching for a RED deal (metrics.md "Co-lead matching"): top 3 reps by pooled
 * RSFS in the deal's industry, round-robin per industry, workload-capped, with alternates
 * and an expected lift whose interval comes from the two Beta posteriors.
 */

/** A rep's pooled fit in one industry at time t, with its Beta posterior. */
export interface RepFit {
  repId: string;
  rsfs: number;
  /** the rep's closed deals in the industry within the RSFS window */
  n: number;
  alpha: number;
  beta: number;
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
}

export interface Lift {
  value: number;
  ci: [number, number];
  /** the 90% interval includes 0: say "within chance" */
  withinChance: boolean;
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

const Z90 = 1.6448536269514722;
const DEFAULT_MIN_DEALS = 5;

export function advisoryCap(ownOpen: number, capRatio: number): number {
  return Math.max(1, Math.ceil(capRatio * ownOpen));
}

function betaVariance(alpha: number, beta: number): number {
  const total = alpha + beta;
  return (alpha * beta) / (total * total * (total + 1));
}

/** rsfs(co-lead) − rsfs(owner) with a 90% normal-approximation interval. */
export function expectedLift(colead: RepFit, owner: RepFit): Lift {
  const value = colead.rsfs - owner.rsfs;
  const sd = Math.sqrt(
    betaVariance(colead.alpha, colead.beta) + betaVariance(owner.alpha, owner.beta),
  );
  const ci: [number, number] = [value - Z90 * sd, value + Z90 * sd];
  return { value, ci, withinChance: ci[0] <= 0 && ci[1] >= 0 };
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
    lift: expectedLift(chosen, input.owner),
    reason: inTop
      ? 'top-3 fit in this industry, next in round-robin with room under the cap'
      : 'the top 3 are at their co-lead cap; next best rep with room',
  };
}
