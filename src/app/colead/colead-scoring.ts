/**
 * The co-lead workflow's view of the metric engine: one deal's RSFS report and every rep's
 * pooled fit in its industry at the deal's assignment time, from an in-memory scoring
 * context (the FitIndex of the last metrics run). Scoring a deal is a few binary searches
 * per rep, so a webhook never reloads the world; the context is swapped after each run.
 */

import { type RepFit, rankCandidates } from '../../domain/co-lead.js';
import { daysBetween, toDayNumber } from '../../domain/dates.js';
import { NOT_SET } from '../../domain/deal.js';
import { MIN_CELL_N } from '../../domain/fit-score.js';
import type { Store } from '../ports/store.js';
import { resolveAsOf } from '../queries/metric-queries.js';
import {
  buildScoringContext,
  rsfsReportOf,
  type ScoringContext,
  scoreDeal,
} from '../queries/scoring.js';
import type { DealFit } from './colead-types.js';

/** In-thread scoring; job-compute.ts puts it behind the (async) ColeadScoring port. */
export class ContextScoring {
  private context: ScoringContext | null = null;

  constructor(private readonly store: Pick<Store, 'deals' | 'coleads'>) {}

  /** Use the context the metrics run just built (no second load of the deals). */
  setContext(context: ScoringContext): void {
    this.context = context;
  }

  /** The current context, built from the store on first use. */
  async current(): Promise<ScoringContext> {
    this.context ??= buildScoringContext(
      await this.store.deals.loadTable(await resolveAsOf(this.store)),
    );
    return this.context;
  }

  async dealFit(dealId: string): Promise<DealFit | null> {
    const deal = await this.store.coleads.openDeal(dealId);
    if (!deal) return null;
    const ctx = await this.current();
    const s = scoreDeal(ctx, deal);
    const t = toDayNumber(s.assignedAt);
    const fitOf = (
      repId: string,
      score: typeof s | ReturnType<typeof ctx.index.score>,
    ): RepFit => ({
      repId,
      rsfs: score.rsfs,
      n: score.raw.n,
      alpha: score.alpha,
      beta: score.beta,
    });
    const fits: RepFit[] = [];
    // no industry: no co-lead to match (the proposal says why), so no fits
    const ind = deal.industry === null ? undefined : ctx.index.industryCode.get(deal.industry);
    if (ind !== undefined) {
      for (let r = 0; r < ctx.index.nRep; r++) {
        fits.push(fitOf(ctx.table.labels.rep[r]!, ctx.index.score(r, ind, t)));
      }
    }
    // the report is "as of" the later of the context and the deal (a deal created today)
    // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, compared as such
    const asOf = deal.createdDate > ctx.asOf ? deal.createdDate : ctx.asOf;
    const report = rsfsReportOf(ctx, s, {
      dealId: deal.id,
      repId: deal.repId,
      industry: deal.industry,
      coleadCandidates: rankCandidates(fits, deal.repId, MIN_CELL_N)
        .slice(0, 3)
        .map((f) => ({ repId: f.repId, rsfs: f.rsfs, n: f.n })),
      deal: {
        amount: deal.amount,
        region: deal.region ?? NOT_SET,
        product: deal.product ?? NOT_SET,
        leadSource: deal.leadSource ?? NOT_SET,
        stage: deal.stage ?? NOT_SET,
        createdDate: deal.createdDate,
        closed: false,
        ageDays: Math.max(0, daysBetween(deal.createdDate, asOf)),
      },
      asOf,
    });
    return { report, owner: fitOf(deal.repId, s), fits };
  }

  redOpenDeals(): Promise<string[]> {
    return this.store.coleads.redDealsWithoutProposal();
  }
}
