/** The requests being answered: counted until they settle, waited for a bounded time. */
import { describe, expect, it } from 'vitest';
import { RequestsInFlight } from '../../../src/adapters/slack/requests-in-flight.js';

const later = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('RequestsInFlight', () => {
  it('counts work until it settles, a failure included, and hands back its result', async () => {
    const inFlight = new RequestsInFlight();
    const ok = inFlight.track(later(5, 'answered'));
    const failed = inFlight.track(Promise.reject(new Error('Slack said no')));
    expect(inFlight.size).toBe(2);
    await expect(failed).rejects.toThrow('Slack said no');
    expect(await ok).toBe('answered');
    expect(inFlight.size).toBe(0);
  });

  it('waits for the work in flight and what it starts meanwhile, but not for ever', async () => {
    const inFlight = new RequestsInFlight();
    expect(await inFlight.drained(10)).toBe(true);
    void inFlight.track(
      later(20, null).then(() => {
        void inFlight.track(later(20, null));
      }),
    );
    expect(await inFlight.drained(1000)).toBe(true);
    expect(inFlight.size).toBe(0);
    void inFlight.track(later(500, null));
    expect(await inFlight.drained(20)).toBe(false);
    expect(inFlight.size).toBe(1);
  });
});
