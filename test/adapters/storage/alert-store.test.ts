/** The AlertStore port on every store kind, as the alert sweep and the digest use it. */
import { expect, it } from 'vitest';
import { describeEachStore } from '../../helpers/stores.js';

function alert(key: string, status: string, isoWeek = '2024-W03', destination = 'alerts') {
  return {
    key,
    type: key.split(':')[0] ?? key,
    severity: 'MEDIUM' as const,
    destination,
    status,
    reason: 'test',
    isoWeek,
    asOf: '2024-01-15',
    payload: '{}',
    createdAt: '2024-01-15T06:00:00Z',
  };
}

describeEachStore('alert store', (opened) => {
  it('reads active keys and posted counts per destination for the week', async () => {
    const { alerts } = opened().store;
    await alerts.insert(alert('winrate-threshold:overall', 'sent'));
    await alerts.insert(alert('negative-momentum:leadSource:Inbound', 'folded'));
    await alerts.insert(alert('sync-failed:salesforce', 'over_budget', '2024-W03', 'ops'));
    await alerts.insert(alert('winrate-threshold:overall', 'sent', '2024-W02'));
    const ledger = await alerts.ledger('2024-W03');
    expect([...ledger.activeKeys].sort()).toEqual([
      'negative-momentum:leadSource:Inbound',
      'sync-failed:salesforce',
      'winrate-threshold:overall',
    ]);
    expect(ledger.postedThisWeek.get('alerts')).toBe(1); // the folded one did not post
    expect(ledger.postedThisWeek.get('ops')).toBe(1);
  });

  it('clears keys so they can fire again, and hands folded alerts to one digest', async () => {
    const { alerts } = opened().store;
    await alerts.insert(alert('winrate-threshold:overall', 'sent'));
    const folded = await alerts.insert(alert('negative-momentum:region:APAC', 'folded'));
    await alerts.clearKeys(['winrate-threshold:overall'], '2024-01-16T06:00:00Z');
    expect([...(await alerts.ledger('2024-W03')).activeKeys]).toEqual([
      'negative-momentum:region:APAC',
    ]);
    expect((await alerts.listFoldedForDigest()).map((r) => r.id)).toEqual([folded.id]);
    await alerts.markFoldedInDigest([folded.id], '2024-W04');
    expect(await alerts.listFoldedForDigest()).toEqual([]);
  });

  it('keeps the first posted alert of an episode as its living message, and the last snooze of a key', async () => {
    const store = opened().store.alerts;
    const folded = await store.insert(alert('winrate-threshold:overall', 'folded'));
    const sent = await store.insert(alert('winrate-threshold:overall', 'sent'));
    await store.insert(alert('winrate-threshold:overall', 'deduped'));
    expect(await store.livingMessage('winrate-threshold:overall')).toBeUndefined(); // no message yet
    await store.setMessage(sent.id, { channel: 'CALERTS', ts: '1720.01' }, '{"view":1}');
    expect(await store.livingMessage('winrate-threshold:overall')).toMatchObject({
      id: sent.id,
      channel: 'CALERTS',
      messageTs: '1720.01',
      view: '{"view":1}',
    });
    await store.clearKeys(['winrate-threshold:overall'], '2024-01-16T06:00:00Z');
    expect(await store.livingMessage('winrate-threshold:overall')).toBeUndefined();
    const snooze = (key: string, userId: string, until: string, at: string) =>
      store.recordEvent({ alertId: folded.id, key, kind: 'snoozed', userId, until, at });
    await snooze('winrate-threshold:overall', 'U1', '2024-02-15T00:00:00Z', '2024-01-16T00:00:00Z');
    await snooze('winrate-threshold:overall', 'U2', '2024-01-23T00:00:00Z', '2024-01-17T00:00:00Z');
    await snooze('sync-failed:salesforce', 'U3', '2024-01-18T00:00:00Z', '2024-01-17T00:00:00Z');
    // the last click on a key wins, even when it is shorter; an ended snooze is gone
    expect((await store.snoozes('2024-01-20T00:00:00Z')).map((s) => [s.key, s.userId])).toEqual([
      ['winrate-threshold:overall', 'U2'],
    ]);
    expect(await store.snoozes('2024-01-24T00:00:00Z')).toEqual([]);
  });
});
