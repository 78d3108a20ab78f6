import { describe, expect, it } from 'vitest';
import {
  clearAlertKeys,
  insertAlert,
  listFoldedForDigest,
  markFoldedInDigest,
  readAlertLedger,
} from '../../../src/adapters/storage/alert-store.js';
import { createTestDb } from '../../helpers/test-db.js';

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

describe('alert store', () => {
  it('reads active keys and posted counts per destination for the week', () => {
    const db = createTestDb();
    insertAlert(db, alert('winrate-threshold:overall', 'sent'));
    insertAlert(db, alert('negative-momentum:leadSource:Inbound', 'folded'));
    insertAlert(db, alert('sync-failed:salesforce', 'over_budget', '2024-W03', 'ops'));
    insertAlert(db, alert('winrate-threshold:overall', 'sent', '2024-W02'));
    const ledger = readAlertLedger(db, '2024-W03');
    expect([...ledger.activeKeys].sort()).toEqual([
      'negative-momentum:leadSource:Inbound',
      'sync-failed:salesforce',
      'winrate-threshold:overall',
    ]);
    expect(ledger.postedThisWeek.get('alerts')).toBe(1); // the folded one did not post
    expect(ledger.postedThisWeek.get('ops')).toBe(1);
  });

  it('clears keys so they can fire again, and hands folded alerts to one digest', () => {
    const db = createTestDb();
    insertAlert(db, alert('winrate-threshold:overall', 'sent'));
    const folded = insertAlert(db, alert('negative-momentum:region:APAC', 'folded'));
    clearAlertKeys(db, ['winrate-threshold:overall'], '2024-01-16T06:00:00Z');
    expect([...readAlertLedger(db, '2024-W03').activeKeys]).toEqual([
      'negative-momentum:region:APAC',
    ]);
    expect(listFoldedForDigest(db).map((r) => r.id)).toEqual([folded.id]);
    markFoldedInDigest(db, [folded.id], '2024-W04');
    expect(listFoldedForDigest(db)).toEqual([]);
  });
});
