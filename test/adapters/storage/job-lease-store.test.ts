/** The lease and instance ports on every store kind: who holds a job slot, who is up. */
import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../../helpers/stores.js';

const T0 = new Date('2026-12-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachStore('leases and instances', (opened) => {
  describe('JobLeaseStore', () => {
    it('insert-or-skip: one holder until it releases or lets the lease expire', async () => {
      const { leases } = opened().store;
      expect(await leases.acquire('metrics', 'P1', 'A', T0, 1000)).toEqual({
        acquired: true,
        tookOver: null,
      });
      const held = {
        job: 'metrics',
        period: 'P1',
        holder: 'A',
        acquiredAt: T0.toISOString(),
        expiresAt: at(1000).toISOString(),
      };
      expect(await leases.acquire('metrics', 'P1', 'B', at(500), 1000)).toEqual({
        acquired: false,
        heldBy: held,
      });
      // another slot, or another job, is free
      expect((await leases.acquire('metrics', 'P2', 'B', at(500), 5000)).acquired).toBe(true);
      expect((await leases.acquire('digest', 'P1', 'B', at(500), 5000)).acquired).toBe(true);
      // only the holder renews
      expect(await leases.renew('metrics', 'P1', 'B', at(900), 1000)).toBe(false);
      expect(await leases.renew('metrics', 'P1', 'A', at(900), 1000)).toBe(true);
      expect((await leases.acquire('metrics', 'P1', 'B', at(1500), 1000)).acquired).toBe(false);
      expect(await leases.current(at(1500))).toHaveLength(3);
      expect(await leases.expired(at(1500))).toEqual([]);
      // A stops renewing: past 1.9 s the lease is expired, and B takes it over
      expect((await leases.expired(at(1900))).map((l) => l.holder)).toEqual(['A']);
      expect(await leases.acquire('metrics', 'P1', 'B', at(1900), 1000)).toEqual({
        acquired: true,
        tookOver: { ...held, expiresAt: at(1900).toISOString() },
      });
      // A, back, can neither renew nor release what is now B's
      expect(await leases.renew('metrics', 'P1', 'A', at(2000), 1000)).toBe(false);
      await leases.release('metrics', 'P1', 'A');
      expect(
        (await leases.current(at(2000))).find((l) => l.period === 'P1' && l.job === 'metrics'),
      ).toMatchObject({ holder: 'B' });
      await leases.release('metrics', 'P1', 'B');
      expect((await leases.acquire('metrics', 'P1', 'C', at(2000), 1000)).acquired).toBe(true);
    });
  });

  describe('InstanceStore', () => {
    it('registers, heartbeats, records a clean stop, and lists who was heard from lately', async () => {
      const { instances } = opened().store;
      const info = (id: string, pid: number) => ({
        id,
        host: 'h',
        pid,
        version: '0.1.0',
        startedAt: T0.toISOString(),
      });
      await instances.register(info('h:1:aaaaaa', 1), T0);
      await instances.register(info('h:2:bbbbbb', 2), T0);
      await instances.heartbeat('h:1:aaaaaa', at(60_000));
      await instances.stopped('h:2:bbbbbb', at(30_000));
      expect(await instances.seenSince(at(10_000))).toEqual([
        { ...info('h:1:aaaaaa', 1), heartbeatAt: at(60_000).toISOString(), stoppedAt: null },
        {
          ...info('h:2:bbbbbb', 2),
          heartbeatAt: at(30_000).toISOString(),
          stoppedAt: at(30_000).toISOString(),
        },
      ]);
      expect((await instances.seenSince(at(45_000))).map((i) => i.pid)).toEqual([1]);
    });
  });
});
