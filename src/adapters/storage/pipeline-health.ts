import type { PipelineHealth, RedDeal } from '../../app/ports/pipeline-health.js';
import { NOT_SET } from '../../domain/deal.js';
import type { Flag } from '../../domain/fit-score.js';
import type { Db } from './database.js';
import { readHygiene } from './hygiene-queries.js';

export function readPipelineHealth(db: Db, minAgeDays = 30, limit = 200): PipelineHealth {
  const raw = db.$client;
  const latest = raw.prepare('select max(as_of) as asOf from deal_scores').get() as {
    asOf: string | null;
  };
  const flags: Record<Flag, number> = { RED: 0, YELLOW: 0, GREEN: 0 };
  const hygiene = readHygiene(db);
  if (!latest.asOf) return { scoresAsOf: null, flags, redDeals: [], hygiene };
  const counts = raw
    .prepare(
      `select s.flag as flag, count(*) as n from deal_scores s join deals d on d.id = s.deal_id
       where s.as_of = ? and d.outcome is null and d.deleted_at is null group by s.flag`,
    )
    .all(latest.asOf) as Array<{ flag: Flag; n: number }>;
  for (const row of counts) if (row.flag in flags) flags[row.flag] = row.n;
  const redDeals = raw
    .prepare(
      `select d.id as dealId, d.rep_id as repId, coalesce(d.industry, ?) as industry, d.amount as amount, s.rsfs as rsfs,
              cast(julianday(?) - julianday(d.created_date) as integer) as ageDays
       from deal_scores s join deals d on d.id = s.deal_id
       where s.as_of = ? and s.flag = 'RED' and d.outcome is null and d.deleted_at is null
         and julianday(?) - julianday(d.created_date) > ?
       order by d.created_date, d.id limit ?`,
    )
    .all(NOT_SET, latest.asOf, latest.asOf, latest.asOf, minAgeDays, limit) as RedDeal[];
  return { scoresAsOf: latest.asOf, flags, redDeals, hygiene };
}

/** Changes whenever a deal version or a sync run is written: the answer cache's key. */
/** one prepared statement per connection: the answer cache reads this on every question */
const versionStatements = new WeakMap<Db['$client'], { get(): unknown }>();

export function readDataVersion(db: Db): string {
  let statement = versionStatements.get(db.$client);
  if (!statement) {
    statement = db.$client.prepare(
      'select (select max(id) from deal_history) as h, (select max(id) from sync_runs) as s',
    );
    versionStatements.set(db.$client, statement);
  }
  const row = statement.get() as { h: number | null; s: number | null } | undefined;
  return `${row?.h ?? 0}:${row?.s ?? 0}`;
}

/** A cheap liveness probe of the database for /healthz. */
export function pingDatabase(db: Db): { ok: boolean; error?: string } {
  try {
    db.$client.prepare('select 1').get();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
