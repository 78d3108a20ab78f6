/** Expiry of co-lead proposals nobody acted on (the daily job and a late click). */
import type { ColeadRow } from '../ports/colead-store.js';
import { refreshCard } from './card.js';
import type { ColeadDeps } from './colead-types.js';

/** Expires one open proposal and notes it on its card; false when a click won first. */
export async function expireOne(deps: ColeadDeps, row: ColeadRow): Promise<boolean> {
  const result = await deps.store.coleads.transition(row.id, 'expire', {
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
  for (const row of await deps.store.coleads.listExpired(deps.now().toISOString())) {
    if (await expireOne(deps, row)) expired++;
  }
  return expired;
}
