/**
 * The co-lead workflow (metrics.md "Co-lead matching"): propose a co-lead for a RED deal
 * and post the card to the managers' channel; let a manager approve, reassign to an
 * alternate or decline; expire what nobody acted on. Every transition is one conditional
 * UPDATE in the store, so a double click, Slack's retry or two managers at once produce
 * one transition, one card update and one DM each; whoever loses is told who won.
 */
import {
  type ColeadRow,
  findColead,
  hasColeadFor,
  insertColead,
  lastChosenInIndustry,
  lazyRepLoads,
  listExpiredProposals,
  recordColeadMessage,
  transitionColead,
} from '../../adapters/storage/colead-store.js';
import type { Db } from '../../adapters/storage/database.js';
import { expectedLift, type Lift, matchColead, type RepFit } from '../../domain/co-lead.js';
import { type ColeadState, isOpenState } from '../../domain/colead-state.js';
import type { Messenger, OutgoingMessage } from '../ports/messenger.js';
import type { ColeadCandidate, RsfsReport } from '../queries/query-results.js';

/** What the matching needs about one deal: its RSFS report and every rep's fit at t. */
export interface DealFit {
  report: RsfsReport;
  owner: RepFit;
  /** every rep's pooled fit in the deal's industry at the deal's assignment time */
  fits: RepFit[];
}

export interface ColeadScoring {
  /** null when the deal does not exist, is closed or deleted (async: it may run in the jobs thread) */
  dealFit(dealId: string): Promise<DealFit | null>;
  /** open deals flagged RED by the latest metrics run */
  redOpenDeals(): string[];
}

/** Everything the card shows; the Slack adapter turns it into Block Kit. */
export interface ColeadCardView {
  assignmentId: number;
  rsfs: RsfsReport;
  colead: ColeadCandidate | null;
  noneReason?: string;
  lift: Lift | null;
  alternates: ColeadCandidate[];
  state: ColeadState;
  actedBy: string | null;
  actedAt: string | null;
  expiresAt: string;
  note: string | null;
  /** reps of this card with no Slack user in DEALFIT_REP_USERS: named, not skipped */
  unmapped: string[];
}

export interface ColeadDmView {
  role: 'owner' | 'colead';
  dealId: string;
  industry: string;
  ownerRepId: string;
  coleadRepId: string;
  ownerUser: string | null;
  coleadUser: string | null;
  ownerRsfs: number;
  coleadRsfs: number;
  lift: Lift | null;
  approvedBy: string;
  amount: number;
}

export interface ColeadRenderers {
  card(view: ColeadCardView): OutgoingMessage;
  dm(view: ColeadDmView): OutgoingMessage;
}

export interface ColeadDeps {
  db: Db;
  messenger: Messenger;
  render: ColeadRenderers;
  scoring: ColeadScoring;
  managersChannel: string | undefined;
  managerIds: readonly string[];
  /** a user group whose members are managers too, read at each click */
  managerGroup?: { id: string; members: () => Promise<string[]> } | undefined;
  repUsers: Readonly<Record<string, string>>;
  capRatio: number;
  expiryDays: number;
  now: () => Date;
}

/** What the card was built from, stored with the assignment so any later click can re-render it. */
interface CardData {
  rsfs: RsfsReport;
  owner: RepFit;
  /** the ranked candidates (best first, at most 10) */
  ranked: RepFit[];
  noneReason?: string;
}

const RANKED_KEPT = 10;
const DAY_MS = 86_400_000;

export type ProposeResult =
  | {
      status: 'proposed';
      assignmentId: number | null;
      coleadRepId: string | null;
      message: OutgoingMessage;
      posted: { channel: string; ts: string } | null;
      reason: string;
    }
  | { status: 'skipped'; reason: string };

const candidate = (f: RepFit): ColeadCandidate => ({ repId: f.repId, rsfs: f.rsfs, n: f.n });

function parseCard(row: ColeadRow): CardData {
  if (!row.card) throw new Error(`co-lead ${row.id} has no stored card`);
  return JSON.parse(row.card) as CardData;
}

function cardView(deps: ColeadDeps, row: ColeadRow, data: CardData): ColeadCardView {
  const byRep = new Map(data.ranked.map((f) => [f.repId, f]));
  const coleadFit = row.coleadRepId ? byRep.get(row.coleadRepId) : undefined;
  const alternates = (JSON.parse(row.alternates) as string[])
    .map((id) => byRep.get(id))
    .filter((f): f is RepFit => f !== undefined)
    .map(candidate);
  const reps = [row.ownerRepId, ...(row.coleadRepId ? [row.coleadRepId] : [])];
  return {
    assignmentId: row.id,
    rsfs: data.rsfs,
    colead: coleadFit ? candidate(coleadFit) : null,
    ...(data.noneReason && !coleadFit ? { noneReason: data.noneReason } : {}),
    lift: coleadFit ? expectedLift(coleadFit, data.owner) : null,
    alternates,
    state: row.state,
    actedBy: row.actedBy,
    actedAt: row.actedAt,
    expiresAt: row.expiresAt,
    note: row.note,
    unmapped: reps.filter((rep) => !deps.repUsers[rep]),
  };
}

/**
 * Proposes a co-lead for one deal when it is RED and has no proposal for its owner yet.
 * `dryRun` builds the card without storing or posting it.
 */
export async function proposeColead(
  deps: ColeadDeps,
  dealId: string,
  options: { dryRun?: boolean; fit?: DealFit } = {},
): Promise<ProposeResult> {
  const fit = options.fit ?? (await deps.scoring.dealFit(dealId));
  if (!fit) return { status: 'skipped', reason: `deal ${dealId} is not open` };
  const { report } = fit;
  if (report.flag !== 'RED') {
    return { status: 'skipped', reason: `deal ${dealId} is ${report.flag}, not RED` };
  }
  if (hasColeadFor(deps.db, dealId, report.repId)) {
    return {
      status: 'skipped',
      reason: `deal ${dealId} already has a proposal for ${report.repId}`,
    };
  }
  const match = matchColead({
    ownerRepId: report.repId,
    owner: fit.owner,
    fits: fit.fits,
    loads: lazyRepLoads(deps.db),
    lastChosenInIndustry: lastChosenInIndustry(deps.db, report.industry),
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
  // check and insert in one synchronous transaction: two webhooks for the same deal
  // cannot both insert
  const row = deps.db.$client
    .transaction(() =>
      hasColeadFor(deps.db, dealId, report.repId) ? null : insertColead(deps.db, proposal),
    )
    .immediate();
  if (!row) return { status: 'skipped', reason: `deal ${dealId} already has a proposal` };
  const message = deps.render.card(cardView(deps, row, data));
  if (!deps.managersChannel) {
    return {
      status: 'proposed',
      assignmentId: row.id,
      coleadRepId: row.coleadRepId,
      message,
      posted: null,
      reason: 'stored; DEALFIT_MANAGERS_CHANNEL is not set, so no card was posted',
    };
  }
  const posted = await deps.messenger.post(deps.managersChannel, message);
  recordColeadMessage(deps.db, row.id, posted.channel, posted.ts);
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
  for (const dealId of deps.scoring.redOpenDeals()) {
    out.push(await proposeColead(deps, dealId, options));
  }
  return out;
}

export interface ClickContext {
  assignmentId: number;
  userId: string;
  /** where the click came from, for the ephemeral answer */
  channel: string;
}

export type ClickResult =
  | { status: 'done'; state: ColeadState }
  | { status: 'denied' | 'lost' | 'expired' | 'invalid'; text: string };

const VERB: Record<ColeadState, string> = {
  proposed: 'proposed',
  reassigned: 'reassigned',
  approved: 'approved',
  declined: 'declined',
  expired: 'expired',
};

async function tell(deps: ColeadDeps, click: ClickContext, text: string): Promise<void> {
  await deps.messenger.ephemeral(click.channel, click.userId, { text });
}

async function refreshCard(deps: ColeadDeps, row: ColeadRow): Promise<void> {
  if (!row.channel || !row.messageTs) return;
  await deps.messenger.update(
    { channel: row.channel, ts: row.messageTs },
    deps.render.card(cardView(deps, row, parseCard(row))),
  );
}

/**
 * A manager is listed by id or is in the managers' user group. The group is read at each
 * click (clicks are rare, membership changes), and a group that cannot be read (a missing
 * scope, a deleted group) denies with the reason rather than letting anyone through.
 */
async function isManager(
  deps: ColeadDeps,
  userId: string,
): Promise<{ yes: boolean; note?: string }> {
  if (deps.managerIds.includes(userId)) return { yes: true };
  if (!deps.managerGroup) return { yes: false };
  try {
    return { yes: (await deps.managerGroup.members()).includes(userId) };
  } catch (error) {
    return {
      yes: false,
      note: `the managers' user group could not be read: ${(error as Error).message}`,
    };
  }
}

/** Checks a click before any change: manager, known assignment, not past its expiry. */
async function precheck(
  deps: ColeadDeps,
  click: ClickContext,
  action: string,
): Promise<ColeadRow | ClickResult> {
  const manager = await isManager(deps, click.userId);
  if (!manager.yes) {
    const who = [
      ...deps.managerIds.map((u) => `<@${u}>`),
      ...(deps.managerGroup ? [`<!subteam^${deps.managerGroup.id}>`] : []),
    ];
    const ask =
      who.length > 0
        ? `Ask one of ${who.join(', ')}`
        : 'Ask a manager (DEALFIT_MANAGER_IDS and DEALFIT_MANAGER_GROUP are empty)';
    const text = `Only managers can ${action} co-leads. ${ask}.${manager.note ? ` (${manager.note})` : ''}`;
    await tell(deps, click, text);
    return { status: 'denied', text };
  }
  const row = findColead(deps.db, click.assignmentId);
  if (!row) {
    const text = `This co-lead proposal (#${click.assignmentId}) no longer exists.`;
    await tell(deps, click, text);
    return { status: 'invalid', text };
  }
  if (isOpenState(row.state) && row.expiresAt <= deps.now().toISOString()) {
    await expireOne(deps, row);
    const text = `This proposal expired on ${row.expiresAt.slice(0, 10)} without a decision; nothing was changed.`;
    await tell(deps, click, text);
    return { status: 'expired', text };
  }
  return row;
}

async function lost(
  deps: ColeadDeps,
  click: ClickContext,
  row: ColeadRow | undefined,
): Promise<ClickResult> {
  const state = row?.state ?? 'expired';
  const text =
    state === 'expired'
      ? `This proposal expired${row?.actedAt ? ` on ${row.actedAt.slice(0, 10)}` : ''}; nothing was changed.`
      : `Already ${VERB[state]} by ${row?.actedBy ? `<@${row.actedBy}>` : 'someone else'}${state === 'reassigned' && row?.coleadRepId ? ` (to ${row.coleadRepId})` : ''}; nothing was changed.`;
  await tell(deps, click, text);
  return { status: state === 'expired' ? 'expired' : 'lost', text };
}

export async function approveColead(deps: ColeadDeps, click: ClickContext): Promise<ClickResult> {
  const checked = await precheck(deps, click, 'approve');
  if ('status' in checked) return checked;
  if (!checked.coleadRepId) {
    const text = 'No co-lead is proposed on this card: pick an alternate first.';
    await tell(deps, click, text);
    return { status: 'invalid', text };
  }
  const result = transitionColead(deps.db, checked.id, 'approve', {
    actedBy: click.userId,
    actedAt: deps.now().toISOString(),
  });
  if (!result.ok) return lost(deps, click, result.row);
  const row = result.row;
  // Only the winner of the transition gets here: one card update, one DM each.
  await refreshCard(deps, row);
  await sendApprovalDms(deps, row, parseCard(row));
  return { status: 'done', state: row.state };
}

async function sendApprovalDms(deps: ColeadDeps, row: ColeadRow, data: CardData): Promise<void> {
  const coleadRepId = row.coleadRepId as string;
  const coleadFit = data.ranked.find((f) => f.repId === coleadRepId);
  const base = {
    dealId: row.dealId,
    industry: row.industry,
    ownerRepId: row.ownerRepId,
    coleadRepId,
    ownerUser: deps.repUsers[row.ownerRepId] ?? null,
    coleadUser: deps.repUsers[coleadRepId] ?? null,
    ownerRsfs: data.owner.rsfs,
    coleadRsfs: coleadFit?.rsfs ?? Number.NaN,
    lift: coleadFit ? expectedLift(coleadFit, data.owner) : null,
    approvedBy: row.actedBy ?? '',
    amount: data.rsfs.deal.amount,
  };
  // An unmapped rep is named on the card (cardView.unmapped), never silently skipped.
  if (base.ownerUser)
    await deps.messenger.dm(base.ownerUser, deps.render.dm({ ...base, role: 'owner' }));
  if (base.coleadUser)
    await deps.messenger.dm(base.coleadUser, deps.render.dm({ ...base, role: 'colead' }));
}

/** Reassign to a picked alternate (or, with no pick, the next one in line). */
export async function reassignColead(
  deps: ColeadDeps,
  click: ClickContext & { repId?: string },
): Promise<ClickResult> {
  const checked = await precheck(deps, click, 'reassign');
  if ('status' in checked) return checked;
  const alternates = JSON.parse(checked.alternates) as string[];
  const target = click.repId ?? alternates[0];
  if (!isOpenState(checked.state)) return lost(deps, click, checked);
  if (!target || (!alternates.includes(target) && target !== checked.coleadRepId)) {
    const text = target
      ? `${target} is not one of this card's alternates (${alternates.join(', ') || 'none'}).`
      : 'There is no alternate to reassign to.';
    await tell(deps, click, text);
    return { status: 'invalid', text };
  }
  if (target === checked.coleadRepId) {
    return lost(deps, click, checked);
  }
  const data = parseCard(checked);
  const top = data.ranked.slice(0, 3).map((f) => f.repId);
  const nextAlternates = [
    ...top.filter((id) => id !== target),
    ...(checked.coleadRepId && !top.includes(checked.coleadRepId) ? [checked.coleadRepId] : []),
  ].slice(0, 2);
  const result = transitionColead(deps.db, checked.id, 'reassign', {
    actedBy: click.userId,
    actedAt: deps.now().toISOString(),
    coleadRepId: target,
    alternates: nextAlternates,
  });
  if (!result.ok) return lost(deps, click, result.row);
  await refreshCard(deps, result.row);
  return { status: 'done', state: result.row.state };
}

export async function declineColead(deps: ColeadDeps, click: ClickContext): Promise<ClickResult> {
  const checked = await precheck(deps, click, 'decline');
  if ('status' in checked) return checked;
  const result = transitionColead(deps.db, checked.id, 'decline', {
    actedBy: click.userId,
    actedAt: deps.now().toISOString(),
  });
  if (!result.ok) return lost(deps, click, result.row);
  await refreshCard(deps, result.row);
  return { status: 'done', state: result.row.state };
}

async function expireOne(deps: ColeadDeps, row: ColeadRow): Promise<boolean> {
  const result = transitionColead(deps.db, row.id, 'expire', {
    actedBy: 'dealfit',
    actedAt: deps.now().toISOString(),
    note: `expired after ${deps.expiryDays} days without a manager's decision`,
  });
  if (!result.ok) return false;
  await refreshCard(deps, result.row);
  return true;
}

/** The daily expiry job: every open proposal past its expiry, noted on its card. */
export async function expireProposals(deps: ColeadDeps): Promise<number> {
  let expired = 0;
  for (const row of listExpiredProposals(deps.db, deps.now().toISOString())) {
    if (await expireOne(deps, row)) expired++;
  }
  return expired;
}
