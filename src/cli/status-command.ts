import { blankFieldsText, hygieneLine } from '../domain/deal-fields.js';
import { openStore } from '../wiring/open-store.js';
import { type Command, emit } from './command.js';

/** "instances seen lately": a heartbeat every 30 s, so a stopped one drops off in 10 min */
const INSTANCES_SEEN_MS = 10 * 60_000;
const RECENT_JOBS = 12;

export const statusCommand: Command = {
  path: ['status'],
  summary:
    'Deal counts (open/closed), data as of, recent imports and syncs, quarantine size, blank fields, instances and recent jobs',
  usage: 'status [--db PATH] [--json]',
  async run(ctx) {
    const opened = await openStore({ dbPath: ctx.dbPath, databaseUrl: ctx.config.databaseUrl });
    try {
      const { store } = opened;
      const instances = await store.instances.seenSince(
        new Date(ctx.now().getTime() - INSTANCES_SEEN_MS),
      );
      const jobs = await store.jobRuns.recent(RECENT_JOBS);
      const status = { ...(await opened.store.database.status()), instances, jobs };
      emit(ctx, status, () => {
        const lines = [
          `database:    ${opened.where}`,
          `deals:       ${status.deals.total} (${status.deals.open} open, ${status.deals.closed} closed, ${status.deals.deleted} deleted in CRM)`,
          `data as of:  ${status.dataAsOf ?? 'no data yet'}`,
          `quarantined: ${status.quarantined} rows`,
          `${hygieneLine(status.hygiene)}${status.hygiene.withBlanks > 0 ? ' (dealfit hygiene lists them)' : ''}`,
          'recent imports/syncs:',
        ];
        // the ops signal, above the run list so it is not missed
        lines.splice(
          lines.length - 1,
          0,
          ...status.failingSyncs.map(
            (f) =>
              `${f.source}: ${f.consecutiveFailures} consecutive failed syncs since ${f.failingSince} (last error: ${f.lastError ?? 'unknown'})`,
          ),
        );
        if (status.lastSyncs.length === 0) lines.push('  none');
        for (const run of status.lastSyncs) {
          const blanks = run.blanks ? blankFieldsText(run.blanks) : '';
          const counts = `rows ${run.rows}, inserted ${run.inserted}, updated ${run.updated}, unchanged ${run.unchanged}, quarantined ${run.quarantined}${blanks ? `, blank: ${blanks}` : ''}`;
          lines.push(
            `  #${run.id} ${run.source} ${run.status} at ${run.startedAt}: ${counts}${run.error ? ` (error: ${run.error})` : ''}`,
          );
        }
        const w = status.webhook;
        if (w) {
          lines.push(
            `deal webhook: ${w.deliveries} deliveries, ${w.failed} failed; last at ${w.lastAt}${w.lastError ? ` (failed: ${w.lastError})` : ''}`,
          );
        }
        const e = status.emails;
        if (e) {
          const f = e.lastFailure;
          lines.push(
            `emails: ${e.sent} sent, ${e.failed} failed${f ? `; last failure: ${f.kind} ${f.slot} to ${f.recipient} at ${f.at} (${f.error})` : ''}`,
          );
        }
        lines.push('instances seen in the last 10 minutes:');
        if (instances.length === 0) lines.push('  none');
        for (const i of instances) {
          const state = i.stoppedAt
            ? `stopped at ${i.stoppedAt}`
            : `last heartbeat ${i.heartbeatAt}`;
          lines.push(`  ${i.id} (v${i.version}, started ${i.startedAt}): ${state}`);
        }
        lines.push('recent jobs:');
        if (jobs.length === 0) lines.push('  none');
        for (const run of jobs) {
          lines.push(
            `  ${run.job} ${run.period} ${run.status} at ${run.startedAt} by ${run.instance ?? 'unknown instance'}${run.error ? ` (error: ${run.error})` : ''}`,
          );
        }
        return lines.join('\n');
      });
      return 0;
    } finally {
      await opened.close();
    }
  },
};
