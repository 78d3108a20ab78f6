/**
 * `dealfit status` shaped from what each store reads: the email and webhook summaries, the
 * sync runs with their blank counts parsed, the CRM syncs that are failing.
 */
import type { EmailStatus, SyncRun, WebhookStatus } from '../../app/ports/database-reads.js';
import { FAILING_SYNC_THRESHOLD } from '../../app/ports/sync-store.js';
import type { BlankCounts } from '../../domain/deal-fields.js';
import type { SyncHealth } from '../../domain/sync-health.js';

/** sync_runs.source of POST /hooks/deals deliveries */
export const WEBHOOK = 'webhook';

/** The newest import or sync (webhook deliveries aside), in SQL both dialects read alike. */
export const LAST_SYNC_SQL = `SELECT id, source, status, started_at AS "startedAt" FROM sync_runs
  WHERE source <> '${WEBHOOK}' ORDER BY id DESC LIMIT 1`;

/** the CRM syncs whose failure streak `status` reports */
export const CRM_SYNC_SOURCES = ['salesforce'];

/** The email summary, from the counts (some rows) and the newest failed send. */
export function emailStatusOf(
  totals: { sent: number; failed: number },
  last:
    | {
        kind: string;
        slot: string;
        recipient: string;
        error: string | null;
        finishedAt: string | null;
        createdAt: string;
      }
    | undefined,
): EmailStatus {
  return {
    sent: totals.sent,
    failed: totals.failed,
    lastFailure: last
      ? {
          kind: last.kind,
          slot: last.slot,
          recipient: last.recipient,
          error: last.error ?? 'unknown error',
          at: last.finishedAt ?? last.createdAt,
        }
      : null,
  };
}

/** The webhook summary, from the counts (some deliveries) and the newest delivery. */
export function webhookStatusOf(
  totals: { deliveries: number; failed: number },
  last: { startedAt: string; status: string; error: string | null } | undefined,
): WebhookStatus {
  return {
    deliveries: totals.deliveries,
    failed: totals.failed,
    lastAt: last?.startedAt ?? '',
    lastError: last?.status === 'failed' ? (last.error ?? 'unknown error') : null,
  };
}

/** A sync_runs row with its blank counts (JSON) parsed. */
export const syncRunOf = <R extends Omit<SyncRun, 'blanks'> & { blanks: string | null }>(
  run: R,
): Omit<R, 'blanks'> & { blanks: BlankCounts | null } => ({
  ...run,
  blanks: run.blanks === null ? null : (JSON.parse(run.blanks) as BlankCounts),
});

export const failingSyncs = (healths: SyncHealth[]): SyncHealth[] =>
  healths.filter((h) => h.consecutiveFailures >= FAILING_SYNC_THRESHOLD);
