/** CRM hygiene on PostgreSQL: the SQLite queries (adapters/storage/hygiene-queries.ts). */
import { BLANKABLE_FIELDS, type HygieneSummary, noBlanks } from '../../domain/deal-fields.js';
import { type PgDb, rows } from './database.js';

const LIVE = 'deleted_at IS NULL';
const ANY_BLANK = BLANKABLE_FIELDS.map((f) => `${f.column} IS NULL`).join(' OR ');

export async function readHygiene(db: PgDb): Promise<HygieneSummary> {
  const counts = BLANKABLE_FIELDS.map(
    (f, i) => `count(*) FILTER (WHERE ${f.column} IS NULL) AS b${i}`,
  ).join(', ');
  const [row] = await rows<Record<string, number>>(
    db.$client,
    `SELECT count(*) AS deals, count(*) FILTER (WHERE ${ANY_BLANK}) AS with_blanks, ${counts}
     FROM deals WHERE ${LIVE}`,
  );
  const blanks = noBlanks();
  BLANKABLE_FIELDS.forEach((f, i) => {
    blanks[f.csv] = row?.[`b${i}`] ?? 0;
  });
  return { deals: row?.deals ?? 0, withBlanks: row?.with_blanks ?? 0, blanks };
}

/** The live deals with each field blank (ids capped at `limit` per field, with the count). */
export async function listBlankDeals(db: PgDb, limit: number) {
  const summary = await readHygiene(db);
  const fields = await Promise.all(
    BLANKABLE_FIELDS.map(async (f) => {
      const total = summary.blanks[f.csv];
      const dealIds =
        total === 0
          ? []
          : (
              await rows<{ id: string }>(
                db.$client,
                `SELECT id FROM deals WHERE ${LIVE} AND ${f.column} IS NULL ORDER BY id LIMIT $1`,
                [limit],
              )
            ).map((r) => r.id);
      return { field: f.csv, total, dealIds };
    }),
  );
  return { ...summary, limit, fields };
}
