/**
 * Proposing a co-lead for a RED deal (one deal from the webhook, or the daily batch) and
 * posting the card to the managers' channel.
 *
 * Each proposal is planned first (the match, its lift, the card's data) and only then
 * stored and posted, because the batch decides on all of them together: when fit is not
 * shown to go with winning on this data and no lift is credible (metrics.md "Co-lead
 * matching" step 6), it proposes nothing and says why, unless told to propose anyway.
 */
import { type MatchResult, matchColead } from '../../domain/co-lead.js';
import { type FitEvidence, isWeakEvidence } from '../../domain/fit-evidence.js';
import type { ColeadRow, NewColead } from '../ports/colead-store.js';
import type { OutgoingMessage } from '../ports/messenger.js';
import { NO_COLEAD_WITHOUT_INDUSTRY } from '../queries/query-results.js';
import { statFns } from '../stat-fns.js';
import { batchView, refreshBatch, withheldView } from './batch.js';
import { type CardData, cardView, RANKED_KEPT } from './card.js';
import type {
  ColeadDeps,
  DealFit,
  ProposalSummary,
  ProposedResult,
  ProposeResult,
} from './colead-types.js';

const DAY_MS = 86_400_000;

interface Plan {
  summary: ProposalSummary;
  match: MatchResult;
  data: CardData;
  proposal: NewColead;
}

type Planned = { status: 'skipped'; reason: string } | { status: 'planned'; plan: Plan };

/** Everything a proposal would be, stored nowhere yet. */
async function planProposal(
  deps: ColeadDeps,
  dealId: string,
  fitGiven: DealFit | undefined,
  evidence: FitEvidence,
): Promise<Planned> {
  const fit = fitGiven ?? (await deps.scoring.dealFit(dealId));
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
  if (await deps.store.coleads.hasFor(dealId, report.repId)) {
    return {
      status: 'skipped',
      reason: `deal ${dealId} already has a proposal for ${report.repId}`,
    };
  }
  const match = matchColead({
    ownerRepId: report.repId,
    owner: fit.owner,
    fits: fit.fits,
    loads: await deps.store.coleads.repLoads(),
    lastChosenInIndustry: await deps.store.coleads.lastChosenInIndustry(report.industry),
    capRatio: deps.capRatio,
    fns: statFns,
  });
  const data: CardData = {
    rsfs: report,
    owner: fit.owner,
    ranked: match.ranked.slice(0, RANKED_KEPT),
    candidates: match.ranked.length,
    evidence,
    ...(match.coleadRepId ? {} : { noneReason: match.reason }),
  };
  const now = deps.now();
  const proposal: NewColead = {
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
  const summary: ProposalSummary = {
    dealId,
    ownerRepId: report.repId,
    coleadRepId: match.coleadRepId,
    industry: report.industry,
    amount: report.deal.amount,
    lift: match.lift
      ? { value: match.lift.value, ci: match.lift.ci, credible: match.lift.credible }
      : null,
    alternates: match.alternates,
  };
  return { status: 'planned', plan: { summary, match, data, proposal } };
}

const withholds = (deps: ColeadDeps, evidence: FitEvidence, anyCredible: boolean) =>
  deps.whenWeak !== 'propose' && isWeakEvidence(evidence, anyCredible);

/**
 * Proposes a co-lead for one deal when it is RED and has no proposal for its owner yet.
 * `dryRun` builds the card without storing or posting it. With weak evidence and a lift
 * that is not credible, a single deal (the webhook) is withheld like the batch's.
 */
export async function proposeColead(
  deps: ColeadDeps,
  dealId: string,
  options: {
    dryRun?: boolean;
    fit?: DealFit;
    /** the fit evidence to judge by (default: the driver model in use) */
    evidence?: FitEvidence;
  } = {},
): Promise<ProposeResult> {
  const evidence = options.evidence ?? (await deps.evidence());
  const planned = await planProposal(deps, dealId, options.fit, evidence);
  if (planned.status === 'skipped') return planned;
  const { plan } = planned;
  if (withholds(deps, evidence, plan.match.lift?.credible === true)) {
    return { status: 'withheld', proposal: plan.summary, reason: WITHHELD_REASON };
  }
  return commit(deps, plan, options);
}

/** Why weak evidence proposes nothing (the summary adds the evidence sentence). */
export const WITHHELD_REASON =
  'withheld: fit is not shown to be associated with winning on this data and no fit difference is credible (DEALFIT_COLEAD_WHEN_WEAK=propose proposes anyway)';

async function commit(
  deps: ColeadDeps,
  plan: Plan,
  options: { dryRun?: boolean; hold?: boolean },
): Promise<ProposeResult> {
  const { proposal, data, match, summary } = plan;
  if (options.dryRun) {
    const row = {
      ...proposal,
      id: 0,
      actedBy: null,
      actedAt: null,
      channel: null,
      messageTs: null,
      note: null,
      batchId: null,
    } as ColeadRow;
    return {
      status: 'proposed',
      assignmentId: null,
      coleadRepId: match.coleadRepId,
      proposal: summary,
      message: deps.render.card(cardView(deps, row, data)),
      posted: null,
      reason: match.reason,
    };
  }
  // checked again inside the store's atomic insert: two webhooks for the same deal cannot
  // both insert
  const row = await deps.store.coleads.insertIfNone(proposal);
  if (!row) return { status: 'skipped', reason: `deal ${proposal.dealId} already has a proposal` };
  const message = deps.render.card(cardView(deps, row, data));
  if (!deps.managersChannel || options.hold) {
    return {
      status: 'proposed',
      assignmentId: row.id,
      coleadRepId: row.coleadRepId,
      proposal: summary,
      message,
      posted: null,
      reason: deps.managersChannel
        ? match.reason
        : 'stored; DEALFIT_MANAGERS_CHANNEL is not set, so no card was posted',
    };
  }
  // a single deal (the webhook) joins the open batch's thread, when there is one
  const batch = await deps.store.coleads.openBatch();
  const posted = await deps.messenger.post(
    deps.managersChannel,
    message,
    batch ? { threadTs: batch.messageTs } : undefined,
  );
  await deps.store.coleads.recordMessage(row.id, posted.channel, posted.ts);
  if (batch) {
    await deps.store.coleads.joinBatch(row.id, batch.id);
    await refreshBatch(deps, batch.id);
  }
  return {
    status: 'proposed',
    assignmentId: row.id,
    coleadRepId: row.coleadRepId,
    proposal: summary,
    message,
    posted,
    reason: match.reason,
  };
}

export interface ColeadBatchResult {
  results: ProposeResult[];
  /** whether fit goes with winning here, and whether the batch judged it weak */
  evidence: FitEvidence & { weak: boolean };
  /** the batch proposed nothing because the evidence is weak */
  withheld: boolean;
  /** the withheld batch's summary (what a dry run would post) */
  withheldMessage?: OutgoingMessage;
}

/** The daily batch: every open RED deal without a proposal for its owner. */
export async function proposeForRedDeals(
  deps: ColeadDeps,
  options: { dryRun?: boolean } = {},
): Promise<ColeadBatchResult> {
  const evidence = await deps.evidence();
  // First every deal's match as things stand, to judge the evidence on all of them; the
  // proposals are then planned again one by one, because each stored one moves the
  // round-robin and the loads the next one sees (its fit is scored once).
  const planned: Array<{ dealId: string; fit: DealFit | null; planned: Planned }> = [];
  for (const dealId of await deps.scoring.redOpenDeals()) {
    const fit = await deps.scoring.dealFit(dealId);
    const p: Planned = fit
      ? await planProposal(deps, dealId, fit, evidence)
      : { status: 'skipped', reason: `deal ${dealId} is not open` };
    planned.push({ dealId, fit, planned: p });
  }
  const plans = planned.flatMap((p) => (p.planned.status === 'planned' ? [p.planned.plan] : []));
  const anyCredible = plans.some((p) => p.match.lift?.credible === true);
  const weak = isWeakEvidence(evidence, anyCredible);
  const batchEvidence = { ...evidence, weak };
  if (plans.length > 0 && withholds(deps, evidence, anyCredible)) {
    const results: ProposeResult[] = planned.map(({ planned: p }) =>
      p.status === 'skipped'
        ? p
        : { status: 'withheld', proposal: p.plan.summary, reason: WITHHELD_REASON },
    );
    const message = deps.render.batchSummary(
      withheldView(
        plans.map((p) => p.summary),
        evidence,
      ),
    );
    if (!options.dryRun) await postWithheld(deps, plans, evidence, message);
    return { results, evidence: batchEvidence, withheld: true, withheldMessage: message };
  }
  const hold = !options.dryRun && deps.managersChannel !== undefined;
  const out: ProposeResult[] = [];
  for (const { dealId, fit, planned: first } of planned) {
    if (first.status === 'skipped') {
      out.push(first);
      continue;
    }
    const p = await planProposal(deps, dealId, fit ?? undefined, evidence);
    out.push(p.status === 'skipped' ? p : await commit(deps, p.plan, { ...options, hold }));
  }
  const result = { results: out, evidence: batchEvidence, withheld: false };
  if (!hold) return result;
  const stored = out.filter(
    (r): r is ProposedResult => r.status === 'proposed' && r.assignmentId !== null,
  );
  if (stored.length === 0) return result;
  // one summary at the top level, the cards as replies in its thread
  const channel = deps.managersChannel!;
  const rows = await Promise.all(
    stored.map(async (r) => (await deps.store.coleads.find(r.assignmentId!))!),
  );
  const summary = await deps.messenger.post(
    channel,
    deps.render.batchSummary(batchView(rows, evidence)),
  );
  const batch = await deps.store.coleads.startBatch(
    summary.channel,
    summary.ts,
    deps.now().toISOString(),
  );
  for (const r of stored) {
    await deps.store.coleads.joinBatch(r.assignmentId!, batch.id);
    const posted = await deps.messenger.post(channel, r.message, { threadTs: summary.ts });
    await deps.store.coleads.recordMessage(r.assignmentId!, posted.channel, posted.ts);
    r.posted = posted;
  }
  return result;
}

/**
 * The withheld batch's summary: one living message, edited when the withheld RED deals
 * change under the same driver model, left alone while they stay the same (no daily
 * repeat), posted anew when a new driver model is in use.
 */
async function postWithheld(
  deps: ColeadDeps,
  plans: Plan[],
  evidence: FitEvidence,
  message: OutgoingMessage,
): Promise<void> {
  const channel = deps.managersChannel;
  if (!channel) return;
  const dealKey = plans
    .map((p) => p.summary.dealId)
    .sort()
    .join(',');
  const last = await deps.store.coleads.lastWithheld();
  if (last && last.modelAsOf === evidence.modelAsOf) {
    if (last.dealKey === dealKey) return;
    await deps.messenger.update({ channel: last.channel, ts: last.messageTs }, message);
    await deps.store.coleads.recordWithheld({ ...last, dealKey });
    return;
  }
  const posted = await deps.messenger.post(channel, message);
  await deps.store.coleads.recordWithheld({
    channel: posted.channel,
    messageTs: posted.ts,
    dealKey,
    modelAsOf: evidence.modelAsOf,
    postedAt: deps.now().toISOString(),
  });
}
