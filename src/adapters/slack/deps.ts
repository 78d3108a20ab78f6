/**
 * What the Slack listeners need, as plain functions: the composition root (create-app.ts)
 * binds them to the database, the metric queries and the chart renderer. Listeners never
 * open a database or build another adapter themselves.
 */
import type { Click } from '../../app/colead/colead-types.js';
import type { ChartRenderer } from '../../app/ports/messenger.js';
import type { AuditReport, RsfsReport, WinRateReport } from '../../app/queries/query-results.js';
import type { Dimension } from '../../domain/deal.js';
import type { HomeInput } from './blocks/app-home.js';

export interface SlackQueries {
  /** rejects with a RangeError for arguments or data the user can fix */
  winRate(o: { by?: Dimension; window: number | 'all' }): Promise<WinRateReport>;
  /** rejects with an error named DealNotFoundError with `similar` ids when the deal is unknown */
  rsfs(dealId: string): Promise<RsfsReport>;
  audit(o: { month?: string }): Promise<AuditReport>;
  home(): Promise<HomeInput>;
}

export interface HealthReport {
  ok: boolean;
  db: { ok: boolean; error?: string };
  dataAsOf: string | null;
  lastSync: { id: number; source: string; status: string; startedAt: string } | null;
}

/** The proactive side's click handlers (co-lead cards, alert feedback). */
export interface ProactiveActions {
  approveColead(click: Click): Promise<unknown>;
  reassignColead(click: Click & { repId?: string }): Promise<unknown>;
  declineColead(click: Click): Promise<unknown>;
  alertFeedback(o: {
    alertId: number;
    userId: string;
    channel: string;
    useful: boolean;
  }): Promise<unknown>;
}

export interface SlackDeps {
  /** unset: no co-lead or alert buttons are handled (e.g. a CLI-only setup) */
  proactive?: ProactiveActions;
  queries: SlackQueries;
  charts: ChartRenderer;
  health(): HealthReport;
  /** how long a chart may take before the answer goes out without it (default 3 s) */
  chartTimeoutMs?: number;
}
