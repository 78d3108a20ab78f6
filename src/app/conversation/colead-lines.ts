/** The newest co-lead proposals, as the `coleads` answer lists them. */
import type { ColeadStore } from '../ports/colead-store.js';
import type { ColeadLine } from './answer-question.js';

export async function coleadLines(
  store: Pick<ColeadStore, 'list'>,
  limit = 50,
): Promise<ColeadLine[]> {
  return (await store.list(undefined, limit)).map((r) => ({
    dealId: r.dealId,
    ownerRepId: r.ownerRepId,
    coleadRepId: r.coleadRepId,
    industry: r.industry,
    state: r.state,
    proposedAt: r.proposedAt,
  }));
}
