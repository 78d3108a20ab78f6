/**
 * The sent-email log on every store kind, one database shared by two connections as two
 * instances of dealfit would share it: a key is claimed once; only a failed try can be
 * taken again.
 */
import { afterEach, expect, it } from 'vitest';
import { describeEachStore } from '../../helpers/stores.js';

const AT = new Date('2024-07-01T08:00:00Z');
const KEY = { kind: 'digest', slot: '2024-07-01', recipient: 'cro@example.com' } as const;

describeEachStore('sent-email log', (opened) => {
  const closes: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closes.splice(0)) await close();
  });
  async function twoInstances() {
    const other = await opened().another();
    closes.push(other.close);
    return [opened().store.emails, other.store.emails] as const;
  }

  it('lets one instance claim a key; a sent one, or one being sent, is never claimed again', async () => {
    const [a, b] = await twoInstances();
    expect(await a.claim(KEY, AT)).toBe(true);
    // a crash mid-send leaves it 'sending': the restarted instance must not send it again
    expect(await b.claim(KEY, AT)).toBe(false);
    await a.finish(KEY, { status: 'sent', messageId: '<m1@example.com>' }, 2, AT);
    expect(await b.claim(KEY, AT)).toBe(false);
    expect(await b.claim({ ...KEY, recipient: 'vp@example.com' }, AT)).toBe(true);
    expect(
      (await b.recent(5)).map((r) => [r.recipient, r.status, r.attempts, r.messageId]),
    ).toEqual([
      ['vp@example.com', 'sending', 0, null],
      ['cro@example.com', 'sent', 2, '<m1@example.com>'],
    ]);
  });

  it('takes a failed key again, counting every attempt', async () => {
    const [a, b] = await twoInstances();
    expect(await a.claim(KEY, AT)).toBe(true);
    await a.finish(KEY, { status: 'failed', error: 'SMTP 554: rejected' }, 1, AT);
    expect((await b.recent(1, 'digest'))[0]).toMatchObject({
      status: 'failed',
      error: 'SMTP 554: rejected',
    });
    expect(await b.claim(KEY, AT)).toBe(true);
    expect(await a.claim(KEY, AT)).toBe(false);
    await b.finish(KEY, { status: 'sent', messageId: '<m2@example.com>' }, 1, AT);
    expect(await a.recent(5)).toEqual([
      expect.objectContaining({
        status: 'sent',
        attempts: 2,
        error: null,
        messageId: '<m2@example.com>',
      }),
    ]);
    expect(await a.recent(5, 'alert')).toEqual([]);
  });
});
