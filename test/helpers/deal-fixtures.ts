/** Terse deal fixtures for domain tests. */
import type { Deal } from '../../src/domain/deal.js';

let seq = 0;

export function deal(over: Partial<Deal> & { outcome?: Deal['outcome'] }): Deal {
  seq++;
  return {
    id: over.id ?? `T${String(seq).padStart(6, '0')}`,
    createdDate: '2024-01-01',
    closedDate: over.outcome === null ? null : (over.closedDate ?? '2024-02-01'),
    assignedDate: null,
    repId: 'rep_1',
    industry: 'SaaS',
    region: 'Europe',
    product: 'Core',
    leadSource: 'Inbound',
    stage: 'Closed',
    amount: 1000,
    cycleDays: null,
    outcome: 'won',
    ...over,
  };
}

/** `won` won and `n - won` lost deals sharing the other fields. */
export function deals(n: number, won: number, over: Partial<Deal> = {}): Deal[] {
  return Array.from({ length: n }, (_, i) => deal({ ...over, outcome: i < won ? 'won' : 'lost' }));
}
