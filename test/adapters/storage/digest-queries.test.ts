import { describe, expect, it } from 'vitest';
import { insertColead } from '../../../src/adapters/storage/colead-store.js';
import { readRedOutcomes } from '../../../src/adapters/storage/digest-queries.js';
import { dealScores, deals } from '../../../src/adapters/storage/schema.js';
import { createTestDb } from '../../helpers/test-db.js';

describe('readRedOutcomes', () => {
  it('splits closed, once-RED deals by an approved co-lead, from the scores since a date', () => {
    const db = createTestDb();
    const deal = (id: string, outcome: 'won' | 'lost' | null) =>
      db
        .insert(deals)
        .values({
          id,
          createdDate: '2024-01-10',
          closedDate: outcome ? '2024-05-01' : null,
          repId: 'rep_1',
          industry: 'SaaS',
          region: 'EMEA',
          product: 'Core',
          leadSource: 'Inbound',
          stage: outcome ? 'Closed' : 'Proposal',
          amount: 1000,
          outcome,
          source: 'test',
          updatedAt: '2024-05-01T00:00:00Z',
        })
        .run();
    const score = (dealId: string, asOf: string, flag: 'RED' | 'GREEN') =>
      db
        .insert(dealScores)
        .values({
          dealId,
          asOf,
          rsfs: 0.3,
          ciLo: 0.2,
          ciHi: 0.4,
          rawWon: 1,
          rawN: 5,
          source: 'rep-industry',
          flag,
          percentile: flag === 'RED' ? 10 : 80,
          computedAt: `${asOf}T06:00:00Z`,
        })
        .run();
    const colead = (dealId: string, state: 'approved' | 'declined') =>
      insertColead(db, {
        dealId,
        ownerRepId: 'rep_1',
        coleadRepId: 'rep_2',
        state,
        industry: 'SaaS',
        proposedAt: '2024-03-01T06:00:00Z',
        expiresAt: '2024-03-08T06:00:00Z',
      });
    // co-led: A won, B lost (B's second score is GREEN: once RED is enough)
    for (const [id, outcome] of [
      ['A', 'won'],
      ['B', 'lost'],
    ] as const) {
      deal(id, outcome);
      score(id, '2024-03-01', 'RED');
      colead(id, 'approved');
    }
    score('B', '2024-03-02', 'GREEN');
    // solo: C won, D lost, E lost (E's co-lead was declined: still solo)
    for (const [id, outcome] of [
      ['C', 'won'],
      ['D', 'lost'],
      ['E', 'lost'],
    ] as const) {
      deal(id, outcome);
      score(id, '2024-03-01', 'RED');
    }
    colead('E', 'declined');
    // left out: never RED, still open, RED only before the window
    deal('F', 'won');
    score('F', '2024-03-01', 'GREEN');
    deal('G', null);
    score('G', '2024-03-01', 'RED');
    deal('H', 'won');
    score('H', '2023-01-01', 'RED');
    expect(readRedOutcomes(db, '2023-06-01')).toEqual({
      coled: { won: 1, n: 2 },
      solo: { won: 1, n: 3 },
    });
    expect(readRedOutcomes(db, '2024-04-01')).toEqual({
      coled: { won: 0, n: 0 },
      solo: { won: 0, n: 0 },
    });
  });
});
