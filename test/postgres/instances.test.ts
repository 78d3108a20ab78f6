/**
 * What several instances on one PostgreSQL rely on, with two pools standing for two
 * processes: a job slot's lease goes to one of them, an expired one is taken over, a
 * Slack event is taken once, a co-lead click transitions once, an email is claimed once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePostgres, openPostgres, type PgDb } from '../../src/adapters/postgres/database.js';
import { createPostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import { freshDatabase, type TestDatabase } from '../helpers/postgres-server.js';

describe('two instances on one PostgreSQL', () => {
  let database: TestDatabase;
  let a: PgDb;
  let b: PgDb;
  beforeAll(async () => {
    database = await freshDatabase();
    [a, b] = await Promise.all([openPostgres(database.url), openPostgres(database.url)]);
  });
  afterAll(async () => {
    await Promise.all([closePostgres(a), closePostgres(b)]);
    await database.drop();
  });

  it('gives a job slot to exactly one of many asking at once', async () => {
    const stores = [a, b, a, b, a, b].map((db) => createPostgresStore(db));
    const now = new Date('2024-07-01T06:00:00Z');
    const grants = await Promise.all(
      stores.map((s, i) => s.leases.acquire('digest', '2024-W27', `i${i}`, now, 60_000)),
    );
    const winners = grants.filter((g) => g.acquired);
    expect(winners).toHaveLength(1);
    const holder = `i${grants.findIndex((g) => g.acquired)}`;
    for (const g of grants) if (!g.acquired) expect(g.heldBy.holder).toBe(holder);
    const store = stores[0]!;
    expect(await store.leases.current(now)).toMatchObject([{ job: 'digest', holder }]);
    expect(await store.leases.renew('digest', '2024-W27', holder, now, 120_000)).toBe(true);
    expect(await store.leases.renew('digest', '2024-W27', 'someone', now, 120_000)).toBe(false);

    // its holder stops renewing: after the expiry another instance takes it over
    const after = new Date(now.getTime() + 121_000);
    expect(await store.leases.expired(after)).toMatchObject([{ job: 'digest', holder }]);
    const taken = await store.leases.acquire('digest', '2024-W27', 'other', after, 60_000);
    expect(taken).toMatchObject({ acquired: true, tookOver: { holder } });
    // the holder itself renews its own lease without "taking it over"
    expect(await store.leases.acquire('digest', '2024-W27', 'other', after, 60_000)).toEqual({
      acquired: true,
      tookOver: null,
    });
    await store.leases.release('digest', '2024-W27', 'other');
    expect(await store.leases.current(after)).toEqual([]);
  });

  it('takes a Slack event once across instances', async () => {
    const now = new Date('2024-07-01T06:00:00Z');
    const [sa, sb] = [createPostgresStore(a), createPostgresStore(b)];
    const firsts = await Promise.all(
      [sa, sb, sa, sb].map((s) => s.conversations.firstDelivery('Ev123', now)),
    );
    expect(firsts.filter(Boolean)).toHaveLength(1);
    // forgotten after a day
    const nextDay = new Date(now.getTime() + 86_400_001);
    expect(await sb.conversations.firstDelivery('Ev123', nextDay)).toBe(true);
  });

  it('claims an email once across instances', async () => {
    const at = new Date('2024-07-01T06:00:00Z');
    const key = { kind: 'digest' as const, slot: '2024-07-01', recipient: 'cro@example.com' };
    const [sa, sb] = [createPostgresStore(a), createPostgresStore(b)];
    const claims = await Promise.all([sa, sb, sa, sb].map((s) => s.emails.claim(key, at)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await sa.emails.finish(key, { status: 'failed', error: 'smtp down' }, 1, at);
    expect(await sb.emails.claim(key, at)).toBe(true);
    expect(await sa.emails.recent(5)).toMatchObject([{ status: 'sending', attempts: 1 }]);
  });

  it('transitions a co-lead proposal once when two managers click at once', async () => {
    const [sa, sb] = [createPostgresStore(a), createPostgresStore(b)];
    const proposal = {
      dealId: 'D1',
      ownerRepId: 'rep_1',
      coleadRepId: 'rep_2',
      state: 'proposed' as const,
      industry: 'SaaS',
      proposedAt: '2024-07-01T06:00:00Z',
      expiresAt: '2024-07-08T06:00:00Z',
    };
    const inserted = await Promise.all([sa, sb, sa].map((s) => s.coleads.insertIfNone(proposal)));
    expect(inserted.filter((r) => r !== null)).toHaveLength(1);
    const id = inserted.find((r) => r !== null)!.id;
    const clicks = await Promise.all(
      [sa, sb, sa, sb].map((s, i) =>
        s.coleads.transition(id, 'approve', { actedBy: `U${i}`, actedAt: '2024-07-02T00:00:00Z' }),
      ),
    );
    expect(clicks.filter((c) => c.ok)).toHaveLength(1);
    for (const c of clicks) expect(c.row?.state).toBe('approved');
  });
});
