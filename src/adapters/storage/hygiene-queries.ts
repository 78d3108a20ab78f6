/**
 * CRM hygiene (metrics.md "Missing values"): which live deals have a blank descriptive field
 * or amount, counted per field (App Home, the digest, `dealfit status`) and listed per field
 * (`dealfit hygiene`). Deals deleted in the CRM are left out, as from every figure.
 */
import type { BlankFieldListing, HygieneListing } from '../../app/ports/database-reads.js';
import { BLANKABLE_FIELDS, type HygieneSummary, noBlanks } from '../../domain/deal-fields.js';
import type { Db } from './database.js';

const LIVE = 'deleted_at IS NULL';
const ANY_BLANK = BLANKABLE_FIELDS.map((f) => `${f.column} IS NULL`).join(' OR ');

/** Per field how many live deals have it blank, in one scan. */
export function readHygiene(db: Db): HygieneSummary {
  const sums = BLANKABLE_FIELDS.map((f) => `coalesce(sum(${f.column} IS NULL), 0)`).join(', ');
  const row = db.$client
    .prepare(`SELECT count(*), coalesce(sum(${ANY_BLANK}), 0), ${sums} FROM deals WHERE ${LIVE}`)
    .raw(true)
    .get() as number[];
  const blanks = noBlanks();
  BLANKABLE_FIELDS.forEach((f, i) => {
    blanks[f.csv] = row[2 + i] ?? 0;
  });
  return { deals: row[0] ?? 0, withBlanks: row[1] ?? 0, blanks };
}

/** The live deals with each field blank (ids capped at `limit` per field, with the count). */
export function listBlankDeals(db: Db, limit: number): HygieneListing {
  const summary = readHygiene(db);
  const fields = BLANKABLE_FIELDS.map((f): BlankFieldListing => {
    const total = summary.blanks[f.csv];
    const dealIds =
      total === 0
        ? []
        : (db.$client
            .prepare(
              `SELECT id FROM deals WHERE ${LIVE} AND ${f.column} IS NULL ORDER BY id LIMIT ?`,
            )
            .pluck()
            .all(limit) as string[]);
    return { field: f.csv, total, dealIds };
  });
  return { ...summary, limit, fields };
}
