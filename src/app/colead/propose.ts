/**
 * Proposing a co-lead for a RED deal (one deal from the webhook, or the daily batch) and
 * posting the card to the managers' channel.
 */
import { matchColead } from '../../domain/co-lead.js';
import type { ColeadRow } from '../ports/colead-store.js';
import { NO_COLEAD_WITHOUT_INDUSTRY } from '../queries/query-results.js';
import { batchView, refreshBatch } from './batch.js';
import { type CardData, cardView, RANKED_KEPT } from './card.js';
import type { ColeadDeps, DealFit, ProposeResult } from './colead-types.js';

const DAY_MS = 86_400_000;

/**
 * Proposes a co-lead for one deal when it is RED and has no proposal for its owner yet.
 * `dryRun` builds the card without storing or posting it.
 */
export async function proposeColead(
  deps: ColeadDeps,
  dealId: string,
  options: {
    dryRun?: boolean;
    fit?: DealFit;
    /** store the proposal but leave posting its card to the caller (the batch) */
    hold?: boolean;
  } = {},
): Promise<ProposeResult> {
  const fit = options.fit ?? (await deps.scoring.dealFit(dealId));
  if (!fit) return { status: 'skipped', reason: `deal ${dealId} is not open` };
  const { report } = fit;
  if (report.flag !== 'RED') {
    return { status: 'skipped', reason: `deal ${dealId} is ${report.flag}, not RED` };
  }
  if (report.industryNotSet) {
    // metrics.md "Missing values": there is no industry to match a co-lead on
    return {
      status: 'skipped',
      reason: `deal ${dealId}: ${report.noColead ?? NO_COLEAD_WITHOUT_INDUSTRY}`,
    };
  }
  if (deps.store.coleads.hasFor(dealId, report.repId)) {
    return {
      status: 'skipped',
      reason: `deal ${dealId} already has a proposal for ${report.repId}`,
    };
  }
  const match = matchColead({
    ownerRepId: report.repId,
    owner: fit.owner,
    fits: fit.fits,
    loads: deps.store.coleads.repLoads(),
    lastChosenInIndustry: deps.store.coleads.lastChosenInIndustry(report.industry),
    capRatio: deps.capRatio,
  });
  const data: CardData = {
    rsfs: report,
    owner: fit.owner,
    ranked: match.ranked.slice(0, RANKED_KEPT),
    ...(match.coleadRepId ? {} : { noneReason: match.reason }),
  };
  const now = deps.now();
  const proposal = {
    dealId,
    ownerRepId: report.repId,
    coleadRepId: match.coleadRepId,
    alternates: JSON.stringify(match.alternates),
    state: 'proposed' as const,
    industry: report.industry,
    lift: match.lift?.value ?? null,
    liftLo: match.lift?.ci[0] ?? null,
    liftHi: match.lift?.ci[1] ?? null,
    reason: match.reason,
    proposedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.expiryDays * DAY_MS).toISOString(),
    card: JSON.stringify(data),
  };
  if (options.dryRun) {
    const row = {
      ...proposal,
      id: 0,
      actedBy: null,
      actedAt: null,
      channel: null,
      messageTs: null,
      note: null,
    } as ColeadRow;
    return {
      status: 'proposed',
      assignmentId: null,
      coleadRepId: match.coleadRepId,
      message: deps.render.card(cardView(deps, row, data)),
      posted: null,
      reason: match.reason,
    };
  }
  // checked again inside the store's atomic insert: two webhooks for the same deal cannot
  // both insert
  const row = deps.store.coleads.insertIfNone(proposal);
  if (!row) return { status: 'skipped', reason: `deal ${dealId} already has a proposal` };
  const message = deps.render.card(cardView(deps, row, data));
  if (!deps.managersChannel || options.hold) {
    return {
      status: 'proposed',
      assignmentId: row.id,
      coleadRepId: row.coleadRepId,
      message,
      posted: null,
      reason: deps.managersChannel
        ? match.reason
        : 'stored; DEALFIT_MANAGERS_CHANNEL is not set, so no card was posted',
    };
  }
  // a single deal (the webhook) joins the open batch's thread, when there is one
  const batch = deps.store.coleads.openBatch();
  const posted = await deps.messenger.post(
    deps.managersChannel,
    message,
    batch ? { threadTs: batch.messageTs } : undefined,
  );
  deps.store.coleads.recordMessage(row.id, posted.channel, posted.ts);
  if (batch) {
    deps.store.coleads.joinBatch(row.id, batch.id);
    await refreshBatch(deps, batch.id);
  }
  return {
    status: 'proposed',
    assignmentId: row.id,
    coleadRepId: row.coleadRepId,
    message,
    posted,
    reason: match.reason,
  };
}

/** The daily batch: every open RED deal without a proposal for its owner. */
export async function proposeForRedDeals(
  deps: ColeadDeps,
  options: { dryRun?: boolean } = {},
): Promise<ProposeResult[]> {
  const out: ProposeResult[] = [];
  const hold = !options.dryRun && deps.managersChannel !== undefined;
  for (const dealId of deps.scoring.redOpenDeals()) {
    out.push(await proposeColead(deps, dealId, { ...options, hold }));
  }
  if (!hold) return out;
  const stored = out.filter(
    (r): r is Extract<ProposeResult, { status: 'proposed' }> =>
      r.status === 'proposed' && r.assignmentId !== null,
  );
  if (stored.length === 0) return out;
  // one summary at the top level, the cards as replies in its thread
  const channel = deps.managersChannel!;
  const rows = stored.map((r) => deps.store.coleads.find(r.assignmentId!)!);
  const summary = await deps.messenger.post(channel, deps.render.batchSummary(batchView(rows)));
  const batch = deps.store.coleads.startBatch(
    summary.channel,
    summary.ts,
    deps.now().toISOString(),
  );
  for (const r of stored) {
    deps.store.coleads.joinBatch(r.assignmentId!, batch.id);
    const posted = await deps.messenger.post(channel, r.message, { threadTs: summary.ts });
    deps.store.coleads.recordMessage(r.assignmentId!, posted.channel, posted.ts);
    r.posted = posted;
  }
  return out;
}
