/**
 * What the queries and jobs read of the deal table. The storage adapter implements it
 * (SQLite today; PostgreSQL next), so no use case knows SQL or a driver.
 */
import type { HygieneSummary } from '../../domain/deal-fields.js';
import type { DealTable } from '../../domain/deal-table.js';

/** Enough of a stored deal to tell "unknown" from "deleted" or "not yet created at asOf". */
export interface StoredDealRef {
  id: string;
  createdDate: string;
  deletedAt: string | null;
}

export interface DealStore {
  /**
   * metrics.md "Data as of": the as-of of the last successful import or sync; when none
   * recorded one, the newest created/closed date in the store; null with no deals.
   */
  dataAsOf(): Promise<string | null>;
  /** every live deal that existed at asOf (closed after asOf = open at asOf), columnar */
  loadTable(asOf: string): Promise<DealTable>;
  findRef(id: string): Promise<StoredDealRef | undefined>;
  /** ids that look like `id` (case, zero padding, sort neighbours); the caller ranks them */
  candidateIds(id: string): Promise<string[]>;
  /** changes whenever a deal version or a sync run is written: the answer cache's key */
  dataVersion(): Promise<string>;
  /** CRM hygiene: how many live deals have a blank field, per field (metrics.md) */
  hygiene(): Promise<HygieneSummary>;
  /** every rep id on a live (not deleted) deal, each once, in no particular order */
  liveRepIds(): Promise<string[]>;
}
