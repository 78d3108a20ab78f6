/**
 * The queries behind questions in plain words (app/conversation): win rates over a period,
 * filtered, grouped and compared; what a change is associated with; open deals by flag and
 * risk; one rep by industry; the open pipeline; and the data's own values, which the
 * question parser reads against. Each loads the deals as of a date, selects the asked
 * deals (domain/deal-selection.ts) and hands them to the domain's metric code.
 */
import { fromDayNumber, toDayNumber } from '../../domain/dates.js';
import { DIMENSIONS, type Dimension, isNotSet } from '../../domain/deal.js';
import { type DealSelection, selectRows, subTable } from '../../domain/deal-selection.js';
import { type DealTable, hasAmount, OPEN } from '../../domain/deal-table.js';
import { type FitSource, type Flag, fitInterval, flagOf } from '../../domain/fit-score.js';
import {
  type ChangeDecomposition,
  type DayPeriod,
  decomposeChange,
  type PeriodPoint,
  rateOver,
  segmentRatesOver,
  trendOver,
} from '../../domain/period-rates.js';
import type { RateFigure } from '../../domain/stats.js';
import { computeVelocity, type Velocity } from '../../domain/velocity.js';
import type { SegmentRate } from '../../domain/win-rate.js';
import { statFns } from '../stat-fns.js';
import { type QueryStore, resolveAsOf } from './metric-queries.js';
import { parseQueryInput } from './query-inputs.js';
import {
  type AskDealsInput,
  type AskPipelineInput,
  type AskRepInput,
  type AskWhyInput,
  type AskWinRateInput,
  askDealsInput,
  askPipelineInput,
  askRepInput,
  askWhyInput,
  askWinRateInput,
  type FiltersInput,
  type VocabularyInput,
  vocabularyInput,
} from './question-inputs.js';
import { buildScoringContext } from './scoring.js';

export interface DatePeriod {
  from: string;
  to: string;
}

const days = (p: DatePeriod): DayPeriod => ({ from: toDayNumber(p.from), to: toDayNumber(p.to) });

function selectionOf(filters: FiltersInput): DealSelection {
  const values: Partial<Record<Dimension, string>> = {};
  for (const d of DIMENSIONS) if (filters[d] !== undefined) values[d] = filters[d];
  return {
    values,
    ...(filters.minAmount !== undefined ? { minAmount: filters.minAmount } : {}),
    ...(filters.maxAmount !== undefined ? { maxAmount: filters.maxAmount } : {}),
    ...(filters.minAgeDays !== undefined ? { minAgeDays: filters.minAgeDays } : {}),
  };
}

/** Each deal's flag (its RSFS at assignment against the reference set), table order. */
function flagsOf(table: DealTable): {
  flags: Flag[];
  percentiles: Float64Array;
  rsfs: Float64Array;
} {
  const ctx = buildScoringContext(table);
  const flags: Flag[] = new Array(table.size);
  const percentiles = new Float64Array(table.size);
  for (let i = 0; i < table.size; i++) {
    const f = flagOf(ctx.rsfs[i]!, ctx.reference);
    flags[i] = f.flag;
    percentiles[i] = f.percentile;
  }
  return { flags, percentiles, rsfs: ctx.rsfs };
}

/** The asked deals as a table of their own (the flag, when asked, from the scoring). */
function selected(table: DealTable, filters: FiltersInput): DealTable {
  const flag = filters.flag;
  const keep = flag
    ? (
        (f) => (i: number) =>
          f[i] === flag
      )(flagsOf(table).flags)
    : undefined;
  return subTable(table, selectRows(table, selectionOf(filters), keep));
}

export interface AskWinRateResult {
  asOf: string;
  period: DatePeriod;
  overall: RateFigure;
  compareTo: { period: DatePeriod; overall: RateFigure; groups: SegmentRate[] } | null;
  groupBy: Dimension | null;
  /** one rate per segment of groupBy in the period, most deals first */
  groups: SegmentRate[];
  /** weeks (or months) of the period, when not grouped */
  trend: PeriodPoint[];
}

export async function queryAskWinRate(
  store: QueryStore,
  input: AskWinRateInput,
): Promise<AskWinRateResult> {
  const o = parseQueryInput(askWinRateInput, input);
  const asOf = await resolveAsOf(store, o.asOf);
  const table = selected(await store.deals.loadTable(asOf), o.filters);
  const p = days(o.period);
  const by = o.groupBy ?? null;
  return {
    asOf,
    period: o.period,
    overall: rateOver(table, p),
    compareTo: o.compareTo
      ? {
          period: o.compareTo,
          overall: rateOver(table, days(o.compareTo)),
          groups: by ? segmentRatesOver(table, by, days(o.compareTo)) : [],
        }
      : null,
    groupBy: by,
    groups: by ? segmentRatesOver(table, by, p) : [],
    trend: by ? [] : trendOver(table, p),
  };
}

export interface AskWhyResult extends ChangeDecomposition {
  asOf: string;
  period: DatePeriod;
  compareTo: DatePeriod;
}

export async function queryAskWhy(store: QueryStore, input: AskWhyInput): Promise<AskWhyResult> {
  const o = parseQueryInput(askWhyInput, input);
  const asOf = await resolveAsOf(store, o.asOf);
  const table = selected(await store.deals.loadTable(asOf), o.filters);
  return {
    asOf,
    period: o.period,
    compareTo: o.compareTo,
    ...decomposeChange(
      table,
      days(o.compareTo),
      days(o.period),
      DIMENSIONS.filter((d) => o.filters[d] === undefined),
    ),
  };
}

export interface OpenDealLine {
  dealId: string;
  repId: string;
  industry: string;
  region: string;
  /** null = blank in the CRM */
  amount: number | null;
  ageDays: number;
  flag: Flag;
  /** the deal's RSFS and its percentile in the reference set */
  rsfs: number;
  percentile: number;
}

export interface AskDealsResult {
  asOf: string;
  /** open deals matching, all of them */
  count: number;
  /** the total over the deals with an amount */
  amount: number;
  /** deals counted in `count` whose blank amount is left out of `amount` */
  withoutAmount: number;
  flags: Record<Flag, number>;
  /** the riskiest first (lowest fit percentile, then the larger amount), at most `limit` */
  deals: OpenDealLine[];
}

export async function queryAskDeals(
  store: QueryStore,
  input: AskDealsInput,
): Promise<AskDealsResult> {
  const o = parseQueryInput(askDealsInput, input);
  const asOf = await resolveAsOf(store, o.asOf);
  const table = await store.deals.loadTable(asOf);
  const scored = flagsOf(table);
  const flag = o.filters.flag;
  const rows = selectRows(
    table,
    selectionOf(o.filters),
    (i) => table.closed[i] === OPEN && (!flag || scored.flags[i] === flag),
  );
  const flags: Record<Flag, number> = { RED: 0, YELLOW: 0, GREEN: 0 };
  let amount = 0;
  let withoutAmount = 0;
  for (const i of rows) {
    flags[scored.flags[i]!]++;
    const a = table.amount[i]!;
    if (hasAmount(a)) amount += a;
    else withoutAmount++;
  }
  // a blank amount sorts as the smallest (NaN would make the order inconsistent)
  const size = (i: number) => (hasAmount(table.amount[i]!) ? table.amount[i]! : -1);
  const order = Array.from(rows).sort(
    (a, b) =>
      scored.percentiles[a]! - scored.percentiles[b]! ||
      size(b) - size(a) ||
      (table.ids[a]! < table.ids[b]! ? -1 : 1),
  );
  const deals = order.slice(0, o.limit ?? 10).map((i) => ({
    dealId: table.ids[i]!,
    repId: table.labels.rep[table.codes.rep[i]!]!,
    industry: table.labels.industry[table.codes.industry[i]!]!,
    region: table.labels.region[table.codes.region[i]!]!,
    amount: hasAmount(table.amount[i]!) ? table.amount[i]! : null,
    ageDays: table.asOf - table.created[i]!,
    flag: scored.flags[i]!,
    rsfs: scored.rsfs[i]!,
    percentile: scored.percentiles[i]!,
  }));
  return { asOf, count: rows.length, amount, withoutAmount, flags, deals };
}

export interface RepIndustryFit {
  industry: string;
  /** closed deals of the rep in the industry in the period */
  raw: RateFigure;
  /** pooled fit as of the period's end: the last 365 days, shrunk towards the rep's rate */
  fit: { rsfs: number; ci: [number, number]; source: FitSource; n: number };
}

export interface AskRepResult {
  asOf: string;
  repId: string;
  period: DatePeriod;
  overall: RateFigure;
  /** the same period over every rep: what "good" means here */
  team: RateFigure;
  /** the industries the rep closed deals in (period or fit window), best pooled fit first */
  industries: RepIndustryFit[];
  k: number;
}

export async function queryAskRep(store: QueryStore, input: AskRepInput): Promise<AskRepResult> {
  const o = parseQueryInput(askRepInput, input);
  const asOf = await resolveAsOf(store, o.asOf);
  const full = await store.deals.loadTable(asOf);
  const others = { ...o.filters, rep: undefined };
  const everyone = selected(full, others);
  const mine = selected(full, { ...others, rep: o.repId });
  const p = days(o.period);
  const ctx = buildScoringContext(full);
  // the fit as of the period's end (a day after, so the last day's closes count)
  const t = Math.min(p.to, full.asOf) + 1;
  const byIndustry = new Map(segmentRatesOver(mine, 'industry', p).map((s) => [s.value, s]));
  const industries: RepIndustryFit[] = [];
  let k = 0;
  for (const industry of full.labels.industry) {
    if (isNotSet(industry)) continue; // no industry: no fit to show (the overall rate is it)
    if (o.filters.industry !== undefined && industry !== o.filters.industry) continue;
    const s = ctx.index.scoreLabels(o.repId, industry, t);
    const raw = byIndustry.get(industry);
    if (!raw && s.raw.n === 0) continue;
    k = s.k;
    industries.push({
      industry,
      raw: raw ?? { won: 0, n: 0, rate: null, ci: null },
      fit: { rsfs: s.rsfs, ci: fitInterval(s, statFns), source: s.source, n: s.raw.n },
    });
  }
  industries.sort((a, b) => b.fit.rsfs - a.fit.rsfs || a.industry.localeCompare(b.industry));
  return {
    asOf,
    repId: o.repId,
    period: o.period,
    overall: rateOver(mine, p),
    team: rateOver(everyone, p),
    industries,
    k,
  };
}

export interface AskPipelineResult {
  asOf: string;
  openDeals: number;
  /** the total over the open deals with an amount */
  amount: number;
  /** open deals counted in `openDeals` whose blank amount is left out of `amount` */
  withoutAmount: number;
  /** open deals by age: under 30 days, 30–89, 90 and more */
  ages: { under30: number; from30to89: number; over90: number };
  velocity: Velocity;
}

export async function queryAskPipeline(
  store: QueryStore,
  input: AskPipelineInput,
): Promise<AskPipelineResult> {
  const o = parseQueryInput(askPipelineInput, input);
  const asOf = await resolveAsOf(store, o.asOf);
  const table = selected(await store.deals.loadTable(asOf), o.filters);
  let amount = 0;
  let withoutAmount = 0;
  let openDeals = 0;
  const ages = { under30: 0, from30to89: 0, over90: 0 };
  for (let i = 0; i < table.size; i++) {
    if (table.closed[i] !== OPEN) continue;
    openDeals++;
    const a = table.amount[i]!;
    if (hasAmount(a)) amount += a;
    else withoutAmount++;
    const age = table.asOf - table.created[i]!;
    if (age < 30) ages.under30++;
    else if (age < 90) ages.from30to89++;
    else ages.over90++;
  }
  return { asOf, openDeals, amount, withoutAmount, ages, velocity: computeVelocity(table) };
}

export interface VocabularyResult {
  asOf: string;
  /** the stored values of each dimension, as the parser reads them */
  values: Record<Dimension, string[]>;
  /** the first and last day with a created or closed deal */
  first: string;
}

export async function queryVocabulary(
  store: QueryStore,
  input: VocabularyInput,
): Promise<VocabularyResult> {
  const o = parseQueryInput(vocabularyInput, input);
  const asOf = await resolveAsOf(store, o.asOf);
  const table = await store.deals.loadTable(asOf);
  let first = table.asOf;
  for (let i = 0; i < table.size; i++) if (table.created[i]! < first) first = table.created[i]!;
  const values = {} as Record<Dimension, string[]>;
  // "(not set)" is the deals without a value, not a value a question can name
  for (const d of DIMENSIONS) values[d] = table.labels[d].filter((l) => !isNotSet(l));
  return { asOf, values, first: fromDayNumber(first) };
}
