import { describe, expect, it } from 'vitest';
import {
  endOfPreviousQuarter,
  localDemoOptions,
  seedLocalDemo,
} from '../../src/local/demo-seed.js';
import { localPeople } from '../../src/local/local-mode.js';
import { storeKinds } from '../helpers/stores.js';
import { createTempDbPath } from '../helpers/test-db.js';

describe('local workspace seed', () => {
  it('ends the demo on the last day of the previous quarter (momentum sees the planted drop)', () => {
    expect(endOfPreviousQuarter('2026-11-27')).toBe('2026-09-30');
    expect(endOfPreviousQuarter('2026-01-01')).toBe('2025-12-31');
    expect(endOfPreviousQuarter('2026-06-30')).toBe('2026-03-31');
    const o = localDemoOptions('2026-11-27');
    expect(o.end).toBe('2026-09-30');
    expect(o.effects.leadSourceDropPp).toBeGreaterThan(0);
    expect(o.openShare).toBeGreaterThan(0);
  });

  it.each(storeKinds)(
    'imports the generated deals through the real pipeline once, then leaves the store alone ($name)',
    async (kind) => {
      // the CSV is written beside the database path; the store is the kind's own
      const tmp = createTempDbPath();
      const { store, close } = await kind.open();
      try {
        const options = { ...localDemoOptions('2026-11-27'), deals: 400 };
        const now = () => new Date('2026-11-27T10:00:00Z');
        const first = await seedLocalDemo(store, { dbPath: tmp.path, now, options });
        expect(first?.import).toMatchObject({ status: 'succeeded', inserted: 400, quarantined: 0 });
        expect(first?.import.dataAsOf).toBe('2026-09-30');
        expect((await store.database.status()).deals.total).toBe(400);
        expect((await store.deals.liveRepIds()).length).toBe(options.reps);
        expect(await seedLocalDemo(store, { dbPath: tmp.path, now, options })).toBeNull();
        expect((await store.database.status()).deals.total).toBe(400);
      } finally {
        await close();
        tmp.cleanup();
      }
    },
  );

  it('maps every rep to a Slack user and keeps configured managers', () => {
    const local = localPeople(['rep_1', 'rep_2'], []);
    expect(local.managerIds).toEqual(['U0MANAGER']);
    expect(local.repUsers).toEqual({ rep_1: 'U0REP1', rep_2: 'U0REP2' });
    expect(local.people.map((p) => p.role)).toEqual(['cro', 'manager', 'rep', 'rep']);
    expect(localPeople(['rep_1'], ['U0BOSS', 'U0BOSS2']).managerIds).toEqual(['U0BOSS', 'U0BOSS2']);
  });
});
