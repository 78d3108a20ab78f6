import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../../../src/app/queries/answer-cache.js';

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
