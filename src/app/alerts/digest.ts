/**
 * The weekly digest (design "Weekly Digest"): win rate with its week-over-week change from
 * metric_history, pipeline value and active deals, average RSFS, the top 3 things, the
 * co-lead update, the driver update and the alerts the budget folded in, then the trend
 * chart in the digest's thread. The scheduler runs it once per (job, period).
 */

import { addDays } from '../../domain/dates.js';
import type { HygieneSummary } from '../../domain/deal-fields.js';
import { significantShifts } from '../../domain/drivers.js';
import { rateFigure } from '../../domain/stats.js';
import type { CurrentFigures, JobCompute } from '../jobs/job-compute.js';
import type { ChartRenderer, Messenger, OutgoingMessage, Png } from '../ports/messenger.js';
import type { Store } from '../ports/store.js';
import { resolveAsOf } from '../queries/metric-queries.js';
import type {
  DriverShift,
  DriversResult,
  MomentumResult,
  RateFigure,
  Velocity,
  WinRateResult,
} from '../queries/query-results.js';

/** RED-flagged deals closed since `since`, with an approved co-lead and without. */
type RedOutcomes = { since: string; coled: RateFigure; solo: RateFigure };

/** What the digest shows; the Slack adapter (blocks/weekly-digest.ts) turns it into Block Kit. */
export interface DigestInput {
  /** the Monday the digest is for */
  weekOf: string;
  /** rolling 90-day report (its trend gives the week-over-week change) */
  winRate: WinRateResult;
  /** openWithoutAmount: open deals whose blank amount is left out of openAmount */
  pipeline: { openDeals: number; openAmount: number; openWithoutAmount?: number };
  /** metrics.md pipeline velocity from the newest daily run, with last week's value */
  velocity?:
    | (Velocity & { asOf: string; previous: { asOf: string; value: number | null } | null })
    | null;
  avgRsfs: { value: number; previous: number | null } | null;
  momentum: MomentumResult | null;
  redDeals: number;
  colead: {
    active: number;
    closedWon: number;
    meanLift: number | null;
    /** of the active pairings, how many had a credible lift (interval above 0) */
    credibleLifts?: number;
    redOutcomes?: RedOutcomes;
  } | null;
  drivers: DriversResult | null;
  /**
   * against the model fitted before this one: the odds ratios whose 95% intervals no longer
   * overlap (metrics.md); null when there is no earlier model to compare with
   */
  driverShift?: { since: string; shifts: DriverShift[] } | null;
  /** MEDIUM/LOW alerts folded in because the week's alert budget was spent */
  foldedAlerts?: string[];
  /** alerts snoozed from their message, with who and until when (an ISO instant) */
  snoozedAlerts?: Array<{ severity: string; title: string; userId: string; until: string }>;
  /**
   * the stored rolling-90 rate of the metrics run a week earlier (metric_history); when
   * absent the change comes from the report's weekly trend
   */
  lastWeek?: { rate: number; asOf: string } | null;
  /** CRM hygiene: live deals with a blank field (metrics.md "Missing values") */
  hygiene?: HygieneSummary | null;
}

/** What the digest reads: the data's as-of, the figures the runs stored, the folded alerts. */
export type DigestStore = Pick<Store, 'deals' | 'alerts' | 'metrics'>;

export interface DigestDeps {
  store: DigestStore;
  messenger: Messenger;
  charts: ChartRenderer | null;
  render: (input: DigestInput) => OutgoingMessage;
  /** the rolling win rate and momentum (computed off the main thread in the running app) */
  figures: Pick<JobCompute, 'currentFigures'>;
  channel: string | undefined;
  /** a person to DM the digest to instead of a channel (DEALFIT_DIGEST_USERS) */
  user?: string;
  /** the clock, for the snoozes still running (default: midnight UTC of the week's Monday) */
  now?: () => Date;
  log?: (line: string) => void;
}

export interface DigestResult {
  input: DigestInput;
  message: OutgoingMessage;
  posted: { channel: string; ts: string } | null;
  chart: 'posted' | 'skipped' | 'failed';
  /** the trend chart as posted, for the email to show the same one */
  png: Png | null;
  folded: number;
}

/** Velocity at the as-of date and a week earlier, from the daily runs' metric_history. */
async function readVelocity(store: DigestStore, asOf: string): Promise<DigestInput['velocity']> {
  const now = await store.metrics.velocityAtOrBefore(asOf);
  if (now?.detail == null) return null;
  const before = await store.metrics.velocityAtOrBefore(addDays(asOf, -7));
  const previous =
    before?.detail != null && before.asOf !== now.asOf
      ? { asOf: before.asOf, value: (JSON.parse(before.detail) as Velocity).value }
      : null;
  return { ...(JSON.parse(now.detail) as Velocity), asOf: now.asOf, previous };
}

/** RED-flagged deals closed over the last 365 days: with an approved co-lead and without. */
async function redOutcomes(store: DigestStore, asOf: string): Promise<RedOutcomes> {
  const since = addDays(asOf, -365);
  const { coled, solo } = await store.metrics.redOutcomes(since);
  return { since, coled: rateFigure(coled.won, coled.n), solo: rateFigure(solo.won, solo.n) };
}

/** The newest driver model and, against the one fitted before it, what shifted. */
async function readDrivers(
  store: DigestStore,
): Promise<{ report: DriversResult; shift: DigestInput['driverShift'] } | null> {
  const latest = await store.metrics.latestDriversResult();
  if (latest === null) return null;
  const report = JSON.parse(latest) as DriversResult;
  const before = await store.metrics.driversResultBefore(report.asOf);
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

/** The snoozes still running at `now`, with their alert's severity and title. */
async function snoozedAlerts(
  store: DigestStore,
  now: string,
): Promise<DigestInput['snoozedAlerts']> {
  const snoozes = await store.alerts.snoozes(now);
  const alerts = await Promise.all(snoozes.map((s) => store.alerts.find(s.alertId)));
  return snoozes.map((s, i) => {
    const alert = alerts[i];
    const title = alert ? (JSON.parse(alert.payload) as { title?: string }).title : undefined;
    return {
      severity: alert?.severity ?? '',
      title: title ?? s.key,
      userId: s.userId,
      until: s.until,
    };
  });
}

export async function buildDigestInput(
  store: DigestStore,
  weekOf: string,
  figures: CurrentFigures,
  now = `${weekOf}T00:00:00.000Z`,
): Promise<{ input: DigestInput; foldedIds: number[] }> {
  const asOf = await resolveAsOf(store);
  const winRate = figures.winRate90;
  const lastWeekFigure = await store.metrics.figureAtOrBefore('winrate_90d', addDays(asOf, -7));
  const rsfsNow = await store.metrics.figureAtOrBefore('avg_rsfs', asOf);
  const rsfsBefore = await store.metrics.figureAtOrBefore('avg_rsfs', addDays(asOf, -7));
  // null with too little history for two complete quarters: the digest goes out without it
  const momentum = figures.momentum;
  const drivers = await readDrivers(store);
  const week = await store.metrics.coleadWeek(addDays(asOf, -7), asOf);
  const folded = await store.alerts.listFoldedForDigest();
  const input: DigestInput = {
    weekOf,
    winRate,
    pipeline: await store.metrics.pipeline(),
    velocity: await readVelocity(store, asOf),
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
    redDeals: await store.metrics.countRedOpenDeals(),
    colead: {
      active: week.active,
      closedWon: week.closedWon,
      meanLift: week.meanLift,
      credibleLifts: week.credibleLifts,
      redOutcomes: await redOutcomes(store, asOf),
    },
    drivers: drivers?.report ?? null,
    driverShift: drivers?.shift ?? null,
    foldedAlerts: folded.map((a) => {
      const payload = JSON.parse(a.payload) as { title?: string; context?: string[] };
      return `${a.severity}: ${payload.title ?? a.key}${payload.context?.[0] ? ` — ${payload.context[0]}` : ''}`;
    }),
    snoozedAlerts: await snoozedAlerts(store, now),
    lastWeek:
      lastWeekFigure?.value != null && lastWeekFigure.asOf !== winRate.asOf
        ? { rate: lastWeekFigure.value, asOf: lastWeekFigure.asOf }
        : null,
    hygiene: await store.deals.hygiene(),
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
  const { input, foldedIds } = await buildDigestInput(
    deps.store,
    weekOf,
    await deps.figures.currentFigures(),
    deps.now?.().toISOString(),
  );
  const message = deps.render(input);
  if (options.dryRun || (!deps.channel && !deps.user)) {
    return { input, message, posted: null, chart: 'skipped', png: null, folded: 0 };
  }
  // a person's digest goes to their DM with dealfit (conversations.open), its chart in the
  // DM's thread as in a channel
  const posted = deps.channel
    ? await deps.messenger.post(deps.channel, message)
    : await deps.messenger.dm(deps.user as string, message);
  await deps.store.alerts.markFoldedInDigest(foldedIds, weekOf);
  let chart: DigestResult['chart'] = 'skipped';
  let png: Png | null = null;
  if (deps.charts && input.winRate.trend.length > 1) {
    try {
      png = await deps.charts.winRateTrend(input.winRate);
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
  return { input, message, posted, chart, png, folded: foldedIds.length };
}
