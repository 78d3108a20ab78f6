/**
 * The co-lead assignment state machine (metrics.md):
 * proposed → approved | reassigned (→ approved) | declined | expired.
 */
export type ColeadState = 'proposed' | 'reassigned' | 'approved' | 'declined' | 'expired';
export type ColeadAction = 'approve' | 'reassign' | 'decline' | 'expire';

const OPEN_STATES: readonly ColeadState[] = ['proposed', 'reassigned'];

export const TRANSITIONS: Record<ColeadAction, { from: readonly ColeadState[]; to: ColeadState }> =
  {
    approve: { from: OPEN_STATES, to: 'approved' },
    // picking another alternate keeps the proposal open for approval
    reassign: { from: OPEN_STATES, to: 'reassigned' },
    decline: { from: OPEN_STATES, to: 'declined' },
    expire: { from: OPEN_STATES, to: 'expired' },
  };

export function isOpenState(state: ColeadState): boolean {
  return OPEN_STATES.includes(state);
}
