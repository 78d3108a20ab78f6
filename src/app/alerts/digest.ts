/**
 * The weekly digest (design "Weekly Digest"): win rate with its week-over-week change from
 * metric_history, pipeline value and active deals, average RSFS, the top 3 things, the
 * co-lead update, the driver update and the alerts the budget folded in, then the trend
 * chart in the digest's thread. The scheduler runs it once per (job, period).
 */

import type { DigestInput } from '../../adapters/slack/blocks/weekly-digest.js';
import { listFoldedForDigest, markFoldedInDigest } from '../../adapters/storage/alert-store.js';
import type { Db } from '../../adapters/storage/database.js';
import { sqliteDealStore } from '../../adapters/storage/deal-queries.js';
import {
  countRedOpenDeals,
  readColeadWeek,
  readDriversResultBefore,
  readLatestDriversResult,
  readMetricAtOrBefore,
  readPipeline,
  readRedOutcomes,
  readVelocityAtOrBefore,
} from '../../adapters/storage/digest-queries.js';
import { addDays } from '../../domain/dates.js';
import { significantShifts } from '../../domain/drivers.js';
import { rateFigure } from '../../domain/stats.js';
import type { CurrentFigures, JobCompute } from '../jobs/job-compute.js';
import type { ChartRenderer, Messenger, OutgoingMessage } from '../ports/messenger.js';
import { resolveAsOf } from '../queries/metric-queries.js';
import type { DriversResult, RateFigure, Velocity } from '../queries/query-results.js';

type RedOutcomes = { since: string; coled: RateFigure; solo: RateFigure };

export interface DigestDeps {
  db: Db;
  messenger: Messenger;
  charts: ChartRenderer | null;
  render: (input: DigestInput) => OutgoingMessage;
  /** the rolling win rate and momentum (computed off the main thread in the running app) */
  figures: Pick<JobCompute, 'currentFigures'>;
  channel: string | undefined;
  log?: (line: string) => void;
}

export interface DigestResult {
  input: DigestInput;
  message: OutgoingMessage;
  posted: { channel: string; ts: string } | null;
  chart: 'posted' | 'skipped' | 'failed';
  folded: number;
}

/** Velocity at the as-of date and a week earlier, from the daily runs' metric_history. */
function readVelocity(db: Db, asOf: string): DigestInput['velocity'] {
  const now = readVelocityAtOrBefore(db, asOf);
  if (now?.detail == null) return null;
  const before = readVelocityAtOrBefore(db, addDays(asOf, -7));
  const previous =
    before?.detail != null && before.asOf !== now.asOf
      ? { asOf: before.asOf, value: (JSON.parse(before.detail) as Velocity).value }
      : null;
  return { ...(JSON.parse(now.detail) as Velocity), asOf: now.asOf, previous };
}

/** RED-flagged deals closed over the last 365 days: with an approved co-lead and without. */
function redOutcomes(db: Db, asOf: string): RedOutcomes {
  const since = addDays(asOf, -365);
  const { coled, solo } = readRedOutcomes(db, since);
  return { since, coled: rateFigure(coled.won, coled.n), solo: rateFigure(solo.won, solo.n) };
}

/** The newest driver model and, against the one fitted before it, what shifted. */
function readDrivers(db: Db): { report: DriversResult; shift: DigestInput['driverShift'] } | null {
  const latest = readLatestDriversResult(db);
  if (latest === null) return null;
  const report = JSON.parse(latest) as DriversResult;
  const before = readDriversResultBefore(db, report.asOf);
  if (before === null) return { report, shift: null };
  const previous = JSON.parse(before) as DriversResult;
  return {
    report,
    shift: {
      since: previous.asOf,
      shifts: significantShifts(previous.oddsRatios, report.oddsRatios),
    },
  };
}

/** The Monday of the week holding `date` (YYYY-MM-DD). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

export function buildDigestInput(
  db: Db,
  weekOf: string,
  figures: CurrentFigures,
): { input: DigestInput; foldedIds: number[] } {
  const asOf = resolveAsOf({ deals: sqliteDealStore(db) });
  const winRate = figures.winRate90;
  const lastWeekFigure = readMetricAtOrBefore(db, 'winrate_90d', addDays(asOf, -7));
  const rsfsNow = readMetricAtOrBefore(db, 'avg_rsfs', asOf);
  const rsfsBefore = readMetricAtOrBefore(db, 'avg_rsfs', addDays(asOf, -7));
  // null with too little history for two complete quarters: the digest goes out without it
  const momentum = figures.momentum;
  const drivers = readDrivers(db);
  const week = readColeadWeek(db, addDays(asOf, -7), asOf);
  const folded = listFoldedForDigest(db);
  const input: DigestInput = {
    weekOf,
    winRate,
    pipeline: readPipeline(db),
    velocity: readVelocity(db, asOf),
    avgRsfs:
      rsfsNow?.value != null
        ? {
            value: rsfsNow.value,
            previous:
              rsfsBefore?.value != null && rsfsBefore.asOf !== rsfsNow.asOf
                ? rsfsBefore.value
                : null,
          }
        : null,
    momentum,
    redDeals: countRedOpenDeals(db),
    colead: {
      active: week.active,
      closedWon: week.closedWon,
      meanLift: week.meanLift,
      redOutcomes: redOutcomes(db, asOf),
    },
    drivers: drivers?.report ?? null,
    driverShift: drivers?.shift ?? null,
    foldedAlerts: folded.map((a) => {
      const payload = JSON.parse(a.payload) as { title?: string; context?: string[] };
      return `${a.severity}: ${payload.title ?? a.key}${payload.context?.[0] ? ` — ${payload.context[0]}` : ''}`;
    }),
    lastWeek:
      lastWeekFigure?.value != null && lastWeekFigure.asOf !== winRate.asOf
        ? { rate: lastWeekFigure.value, asOf: lastWeekFigure.asOf }
        : null,
  };
  return { input, foldedIds: folded.map((a) => a.id) };
}

/**
 * Builds and posts the digest for the week of `weekOf` (a Monday). A dry run builds it and
 * posts nothing; the trend chart failing never holds the digest back.
 */
export async function postWeeklyDigest(
  deps: DigestDeps,
  weekOf: string,
  options: { dryRun?: boolean } = {},
): Promise<DigestResult> {
  const { input, foldedIds } = buildDigestInput(
    deps.db,
    weekOf,
    await deps.figures.currentFigures(),
  );
  const message = deps.render(input);
  if (options.dryRun || !deps.channel) {
    return { input, message, posted: null, chart: 'skipped', folded: 0 };
  }
  const posted = await deps.messenger.post(deps.channel, message);
  markFoldedInDigest(deps.db, foldedIds, weekOf);
  let chart: DigestResult['chart'] = 'skipped';
  if (deps.charts && input.winRate.trend.length > 1) {
    try {
      const png = await deps.charts.winRateTrend(input.winRate);
      await deps.messenger.uploadPng({ channel: posted.channel, threadTs: posted.ts }, png, {
        filename: `win-rate-trend-${weekOf}.png`,
        title: `Win rate trend (rolling 90 days), week of ${weekOf}`,
        altText: `Rolling 90-day win rate at each of the last ${input.winRate.trend.length} week-ends`,
      });
      chart = 'posted';
    } catch (error) {
      chart = 'failed';
      deps.log?.(`digest ${weekOf}: trend chart failed: ${(error as Error).message}`);
    }
  }
  return { input, message, posted, chart, folded: foldedIds.length };
}
