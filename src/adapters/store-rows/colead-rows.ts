/** What a co-lead transition writes, and the per-rep loads as the port hands them out. */
import type { ColeadChange, RepLoad } from '../../app/ports/colead-store.js';
import type { ColeadState } from '../../domain/colead-state.js';

/** The columns a transition to `to` sets (alternates stored as JSON). */
export const transitionSet = (to: ColeadState, change: ColeadChange) => ({
  state: to,
  actedBy: change.actedBy,
  actedAt: change.actedAt,
  ...(change.coleadRepId ? { coleadRepId: change.coleadRepId } : {}),
  ...(change.alternates ? { alternates: JSON.stringify(change.alternates) } : {}),
  ...(change.note ? { note: change.note } : {}),
});

/**
 * Rep loads that answer every rep: those in `known` as given, any other from `firstUse`
 * (counted then, or zeros), kept for the next ask.
 */
export function repLoadMap(
  firstUse: (rep: string) => RepLoad,
  known?: Iterable<readonly [string, RepLoad]>,
): Map<string, RepLoad> {
  return new (class extends Map<string, RepLoad> {
    override get(rep: string) {
      let load = super.get(rep);
      if (!load) {
        load = firstUse(rep);
        super.set(rep, load);
      }
      return load;
    }
  })(known);
}
