/**
 * App Home, GET /healthz and the answer cache on PostgreSQL: the SQLite queries
 * (adapters/storage/pipeline-health.ts); dates are ISO text, so a day count is the
 * difference of their `::date` casts (SQLite: julianday).
 */
import type { PipelineHealth, RedDeal } from '../../app/ports/pipeline-health.js';
import { NOT_SET } from '../../domain/deal.js';
import type { Flag } from '../../domain/fit-score.js';
import { type PgDb, rows } from './database.js';
import { readHygiene } from './hygiene-queries.js';

export async function readPipelineHealth(
  db: PgDb,
  minAgeDays = 30,
  limit = 200,
): Promise<PipelineHealth> {
  const c = db.$client;
  const [latest] = await rows<{ asOf: string | null }>(
    c,
    'select max(as_of) as "asOf" from deal_scores',
  );
  const flags: Record<Flag, number> = { RED: 0, YELLOW: 0, GREEN: 0 };
  const hygiene = await readHygiene(db);
  const asOf = latest?.asOf ?? null;
  if (!asOf) return { scoresAsOf: null, flags, redDeals: [], hygiene };
  const counts = await rows<{ flag: Flag; n: number }>(
    c,
    `select s.flag as flag, count(*) as n from deal_scores s join deals d on d.id = s.deal_id
     where s.as_of = $1 and d.outcome is null and d.deleted_at is null group by s.flag`,
    [asOf],
  );
  for (const row of counts) if (row.flag in flags) flags[row.flag] = row.n;
  const redDeals = await rows<RedDeal>(
    c,
    `select d.id as "dealId", d.rep_id as "repId", coalesce(d.industry, $1) as industry,
            d.amount as amount, s.rsfs as rsfs,
            ($2::text::date - d.created_date::date) as "ageDays"
     from deal_scores s join deals d on d.id = s.deal_id
     where s.as_of = $2::text and s.flag = 'RED' and d.outcome is null and d.deleted_at is null
       and $2::text::date - d.created_date::date > $3
     order by d.created_date, d.id limit $4`,
    [NOT_SET, asOf, minAgeDays, limit],
  );
  return { scoresAsOf: asOf, flags, redDeals, hygiene };
}

/** Changes whenever a deal version or a sync run is written: the answer cache's key. */
export async function readDataVersion(db: PgDb): Promise<string> {
  const [row] = await rows<{ h: number | null; s: number | null }>(
    db.$client,
    'select (select max(id) from deal_history) as h, (select max(id) from sync_runs) as s',
  );
  return `${row?.h ?? 0}:${row?.s ?? 0}`;
}

/** A cheap liveness probe of the database for /healthz. */
export async function pingDatabase(db: PgDb): Promise<{ ok: boolean; error?: string }> {
  try {
    await db.$client.query('select 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
