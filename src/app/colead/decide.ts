/**
 * A manager's click on a co-lead card: approve, reassign to an alternate or decline. Every
 * transition is one conditional update in the store, so a double click, Slack's retry or
 * two managers at once produce one transition, one card update and one DM each; whoever
 * loses is told who won.
 */
import { type ColeadState, isOpenState } from '../../domain/colead-state.js';
import type { ColeadRow } from '../ports/colead-store.js';
import { type CardData, liftFor, parseCard, refreshCard } from './card.js';
import type { Click, ClickResult, ColeadDeps } from './colead-types.js';
import { expireOne } from './expire.js';

const VERB: Record<ColeadState, string> = {
  proposed: 'proposed',
  reassigned: 'reassigned',
  approved: 'approved',
  declined: 'declined',
  expired: 'expired',
};

async function tell(deps: ColeadDeps, click: Click, text: string): Promise<void> {
  await deps.messenger.ephemeral(click.channel, click.userId, { text });
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
  click: Click,
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
  const row = await deps.store.coleads.find(click.assignmentId);
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
  click: Click,
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

export async function approveColead(deps: ColeadDeps, click: Click): Promise<ClickResult> {
  const checked = await precheck(deps, click, 'approve');
  if ('status' in checked) return checked;
  if (!checked.coleadRepId) {
    const text = 'No co-lead is proposed on this card: pick an alternate first.';
    await tell(deps, click, text);
    return { status: 'invalid', text };
  }
  const result = await deps.store.coleads.transition(checked.id, 'approve', {
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
    lift: liftFor(data, coleadRepId),
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
  click: Click & { repId?: string },
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
  const result = await deps.store.coleads.transition(checked.id, 'reassign', {
    actedBy: click.userId,
    actedAt: deps.now().toISOString(),
    coleadRepId: target,
    alternates: nextAlternates,
  });
  if (!result.ok) return lost(deps, click, result.row);
  await refreshCard(deps, result.row);
  return { status: 'done', state: result.row.state };
}

export async function declineColead(deps: ColeadDeps, click: Click): Promise<ClickResult> {
  const checked = await precheck(deps, click, 'decline');
  if ('status' in checked) return checked;
  const result = await deps.store.coleads.transition(checked.id, 'decline', {
    actedBy: click.userId,
    actedAt: deps.now().toISOString(),
  });
  if (!result.ok) return lost(deps, click, result.row);
  await refreshCard(deps, result.row);
  return { status: 'done', state: result.row.state };
}
