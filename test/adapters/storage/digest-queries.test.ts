/** The digest's co-lead outcomes (MetricStore.redOutcomes) on every store kind. */
import { expect, it } from 'vitest';
import type { ColeadState } from '../../../src/domain/colead-state.js';
import { deal } from '../../helpers/deal-fixtures.js';
import { writeDeals } from '../../helpers/store-seed.js';
import { describeEachStore } from '../../helpers/stores.js';

describeEachStore('redOutcomes', (opened) => {
  it('splits closed, once-RED deals by an approved co-lead, from the scores since a date', async () => {
    const { store } = opened();
    const outcomes = {
      // co-led: A won, B lost (B's second score is GREEN: once RED is enough)
      A: 'won',
      B: 'lost',
      // solo: C won, D lost, E lost (E's co-lead was declined: still solo)
      C: 'won',
      D: 'lost',
      E: 'lost',
      // left out: never RED, still open, RED only before the window
      F: 'won',
      G: null,
      H: 'won',
    } as const;
    await writeDeals(
      store,
      Object.entries(outcomes).map(([id, outcome]) =>
        deal({
          id,
          createdDate: '2024-01-10',
          closedDate: outcome ? '2024-05-01' : null,
          outcome,
          stage: outcome ? 'Closed' : 'Proposal',
        }),
      ),
    );
    const scores = (asOf: string, flags: Record<string, 'RED' | 'GREEN'>) =>
      store.metrics.writeRun({
        asOf,
        computedAt: `${asOf}T06:00:00Z`,
        metrics: [],
        scores: Object.entries(flags).map(([dealId, flag]) => ({
          dealId,
          rsfs: 0.3,
          ciLo: 0.2,
          ciHi: 0.4,
          rawWon: 1,
          rawN: 5,
          source: 'rep-industry',
          flag,
          percentile: flag === 'RED' ? 10 : 80,
        })),
        audit: null,
      });
    await scores('2024-03-01', {
      A: 'RED',
      B: 'RED',
      C: 'RED',
      D: 'RED',
      E: 'RED',
      F: 'GREEN',
      G: 'RED',
    });
    await scores('2024-03-02', { B: 'GREEN' });
    await scores('2023-01-01', { H: 'RED' });
    const colead = (dealId: string, state: ColeadState) =>
      store.coleads.insertIfNone({
        dealId,
        ownerRepId: 'rep_1',
        coleadRepId: 'rep_2',
        state,
        industry: 'SaaS',
        proposedAt: '2024-03-01T06:00:00Z',
        expiresAt: '2024-03-08T06:00:00Z',
      });
    await colead('A', 'approved');
    await colead('B', 'approved');
    await colead('E', 'declined');
    expect(await store.metrics.redOutcomes('2023-06-01')).toEqual({
      coled: { won: 1, n: 2 },
      solo: { won: 1, n: 3 },
    });
    expect(await store.metrics.redOutcomes('2024-04-01')).toEqual({
      coled: { won: 0, n: 0 },
      solo: { won: 0, n: 0 },
    });
  });
});
