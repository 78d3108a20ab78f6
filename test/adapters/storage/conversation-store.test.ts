/** ConversationStore's event ids (Slack's retries answered once) on every store kind. */
import { expect, it } from 'vitest';
import { describeEachStore } from '../../helpers/stores.js';

const NOW = new Date('2026-12-02T10:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describeEachStore('slack event ids', (opened) => {
  it('takes an id once, tells whether it was taken without taking it, forgets it after a day', async () => {
    const { conversations } = opened().store;
    expect(await conversations.delivered('Ev1', NOW)).toBe(false);
    expect(await conversations.delivered('Ev1', NOW)).toBe(false); // asking takes nothing
    expect(await conversations.firstDelivery('Ev1', NOW)).toBe(true);
    expect(await conversations.firstDelivery('Ev1', later(1000))).toBe(false);
    expect(await conversations.delivered('Ev1', later(1000))).toBe(true);
    expect(await conversations.delivered('Ev2', later(1000))).toBe(false);
    // a day on, the id is forgotten: read as not taken, and taken again by a new delivery
    const dayOn = later(86_400_000 + 1000);
    expect(await conversations.delivered('Ev1', dayOn)).toBe(false);
    expect(await conversations.firstDelivery('Ev1', dayOn)).toBe(true);
  });
});
