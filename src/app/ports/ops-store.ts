/**
 * The counts an operator watches, read from the store each time Prometheus scrapes
 * `GET /metrics`: they survive a restart and include what the CLI did (an import, a
 * `jobs run`), which counters kept in the process could not.
 */
import type { HygieneSummary } from '../../domain/deal-fields.js';

export interface OpsCounts {
  /** live deals (deleted ones left out, as from every figure) */
  deals: { open: number; closed: number };
  /** metrics.md "Data as of" (YYYY-MM-DD), null before any data */
  dataAsOf: string | null;
  /** rows ever quarantined by an import, sync or webhook delivery */
  quarantined: number;
  hygiene: HygieneSummary;
  /** per source (`csv`, `salesforce`, `webhook`) and run status: runs and what they wrote */
  syncRuns: SyncRunTotals[];
  /** the alert log's rows per type and status (`sent`, `deduped`, `folded`, …) */
  alerts: Array<{ type: string; status: string; count: number }>;
  /** co-lead proposals per state (proposed, reassigned, approved, declined, expired) */
  coleads: Array<{ state: string; count: number }>;
  /** each job's newest successful run's end (ISO instant) */
  jobLastSuccess: Array<{ job: string; finishedAt: string }>;
}

export interface SyncRunTotals {
  source: string;
  status: string;
  runs: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  quarantined: number;
}

export interface OpsStore {
  counts(): Promise<OpsCounts>;
}
