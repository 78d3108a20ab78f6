import { describe, expect, it } from 'vitest';
import { AnswerCache, cachedQueries, queryKey } from '../../../src/app/queries/answer-cache.js';
import { fixtureQueries } from '../../helpers/fixture-queries.js';

describe('AnswerCache', () => {
  it('reuses answers until the data version changes', () => {
    let version = 'v1';
    let computed = 0;
    const cache = new AnswerCache(() => version);
    const ask = () => cache.memo('winrate', () => ++computed);
    expect([ask(), ask()]).toEqual([1, 1]);
    version = 'v2';
    expect(ask()).toBe(2);
  });

  it('evicts the least recently used entry and never caches a failed promise', async () => {
    const cache = new AnswerCache(() => 'v', 2);
    cache.memo('a', () => 1);
    cache.memo('b', () => 2);
    cache.memo('a', () => 99); // touch a
    cache.memo('c', () => 3); // evicts b
    expect(cache.memo('a', () => 99)).toBe(1);
    expect(cache.memo('b', () => 20)).toBe(20);
    const failing = cache.memo('p', () => Promise.reject(new Error('boom')));
    await expect(failing).rejects.toThrow('boom');
    await expect(cache.memo('p', () => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('does not cache a computation that throws', () => {
    const cache = new AnswerCache(() => 'v');
    expect(() =>
      cache.memo('x', () => {
        throw new RangeError('bad');
      }),
    ).toThrow('bad');
    expect(cache.memo('x', () => 'fine')).toBe('fine');
  });
});

describe('cachedQueries', () => {
  it('keys a query by its name and input: key order and unset keys do not matter', () => {
    expect(queryKey('audit', { month: '2024-06', asOf: undefined })).toBe(
      queryKey('audit', { month: '2024-06' }),
    );
    expect(queryKey('winRate', { window: 90, by: 'rep' })).toBe(
      queryKey('winRate', { by: 'rep', window: 90 }),
    );
    expect(queryKey('winRate', { window: 90 })).not.toBe(queryKey('winRate', { window: 'all' }));
    expect(queryKey('audit', {})).not.toBe(queryKey('drivers', {}));
  });

  it('runs the same query on the same data once, and again when the data changes', async () => {
    let version = 'v1';
    const runner = fixtureQueries();
    const cached = cachedQueries(runner, new AnswerCache(() => version));
    const first = await cached.run('winRate', { window: 90 });
    expect(await cached.run('winRate', { window: 90 })).toBe(first);
    await cached.run('winRate', { window: 90, by: 'rep' });
    await cached.run('audit', {});
    expect(runner.asked).toEqual(['winrate - 90', 'winrate rep 90', 'audit -']);
    version = 'v2';
    await cached.run('winRate', { window: 90 });
    expect(runner.asked).toHaveLength(4);
  });
});
