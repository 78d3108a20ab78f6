/**
 * Pure vega-lite spec builders for the charts dealfit attaches to Slack answers. Data in,
 * spec out: no rendering, no I/O. Every spec uses UTC time units (the data are UTC
 * calendar dates) and the font the renderer ships (DejaVu Sans).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { QuestionChart } from '../../app/conversation/question-answer.js';
import type { AuditResult, WinRateResult } from '../../app/queries/query-results.js';

export const CHART_FONT = 'DejaVu Sans';
export const CHART_WIDTH = 560;

const CONFIG = {
  font: CHART_FONT,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#222222', titleColor: '#222222' },
  title: { fontSize: 14, anchor: 'start' as const, color: '#111111' },
};

/** Long CRM values would squeeze the plot; the table in the message keeps full names. */
function label(value: string): string {
  return value.length > 24 ? `${value.slice(0, 23)}…` : value;
}

const DIMENSION_TITLES: Record<string, string> = {
  industry: 'Industry',
  region: 'Region',
  product: 'Product',
  leadSource: 'Lead source',
  rep: 'Rep',
};

/** Horizontal bars of win rate per segment with 95% interval bars; low samples greyed. */
export function winRateBySegmentSpec(report: WinRateResult): TopLevelSpec {
  const dimension = report.segments[0]?.dimension ?? 'industry';
  const window = report.window === 'all' ? 'all closed deals' : `rolling ${report.window} days`;
  return segmentBarsSpec(
    report.segments,
    `Win rate by ${DIMENSION_TITLES[dimension]?.toLowerCase() ?? dimension} — ${window}`,
    `bars: 95% Wilson interval · data as of ${report.asOf}`,
  );
}

/** The bars of winRateBySegmentSpec for any segments, with the caller's title. */
function segmentBarsSpec(
  segments: WinRateResult['segments'],
  title: string,
  subtitle: string,
): TopLevelSpec {
  const values = segments
    .filter((s) => s.rate !== null)
    .map((s) => ({
      segment: label(s.value),
      rate: s.rate,
      lo: s.ci?.[0] ?? s.rate,
      hi: s.ci?.[1] ?? s.rate,
      n: s.n,
      sample: s.lowSample ? 'low sample (n < 30)' : 'n ≥ 30',
    }))
    // Sorted here, not by vega-lite: a layered chart cannot sort its shared axis by a field.
    .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0));
  const y = { field: 'segment', type: 'nominal' as const, sort: null, title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle },
    width: CHART_WIDTH,
    height: { step: 22 },
    data: { values },
    config: CONFIG,
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y,
          x: {
            field: 'rate',
            type: 'quantitative',
            axis: { format: '.0%' },
            title: 'win rate',
            scale: { domain: [0, 1] },
          },
          color: {
            field: 'sample',
            type: 'nominal',
            scale: { domain: ['n ≥ 30', 'low sample (n < 30)'], range: ['#457b9d', '#c8c8c8'] },
            legend: { title: null, orient: 'bottom' },
          },
        },
      },
      {
        mark: { type: 'rule', color: '#1d3557', strokeWidth: 1.5 },
        encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#333333' },
        encoding: {
          y,
          x: { field: 'hi', type: 'quantitative' },
          text: { field: 'n', type: 'quantitative', format: 'n=d' },
        },
      },
    ],
  } as TopLevelSpec;
}

/** The rolling win rate at each week-end, with its interval as a band. */
export function winRateTrendSpec(report: WinRateResult): TopLevelSpec {
  const window = report.window === 'all' ? 'all closed deals' : `rolling ${report.window}-day`;
  return rateLineSpec(
    report.trend.map((t) => ({ day: t.weekEnd, ...t })),
    'week ending',
    `Weekly ${window} win rate`,
    `band: 95% Wilson interval · data as of ${report.asOf}`,
  );
}

/** A rate at each date with its interval as a band (the trend of winRateTrendSpec). */
function rateLineSpec(
  points: Array<{ day: string; rate: number | null; ci: [number, number] | null; n: number }>,
  xTitle: string,
  title: string,
  subtitle: string,
): TopLevelSpec {
  const values = points
    .filter((t) => t.rate !== null)
    .map((t) => ({
      week: t.day,
      rate: t.rate,
      lo: t.ci?.[0] ?? t.rate,
      hi: t.ci?.[1] ?? t.rate,
      n: t.n,
    }));
  const x = {
    field: 'week',
    type: 'temporal' as const,
    timeUnit: 'utcyearmonthdate' as const,
    title: xTitle,
    axis: { format: '%b %d', labelAngle: 0 },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle },
    width: CHART_WIDTH,
    height: 220,
    data: { values },
    config: CONFIG,
    layer: [
      {
        mark: { type: 'area', opacity: 0.25, color: '#457b9d' },
        encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
      },
      {
        mark: { type: 'line', point: true, color: '#1d3557' },
        encoding: {
          x,
          y: {
            field: 'rate',
            type: 'quantitative',
            axis: { format: '.0%' },
            title: 'win rate',
            scale: { zero: false },
          },
        },
      },
    ],
  } as TopLevelSpec;
}

/** The chart of an answer to a question in plain words (app/conversation/question-answer.ts). */
export function questionChartSpec(chart: QuestionChart): TopLevelSpec {
  if (chart.kind === 'segments')
    return segmentBarsSpec(
      chart.segments,
      chart.title,
      `bars: 95% Wilson interval · ${chart.subtitle}`,
    );
  return rateLineSpec(
    chart.points.map((p) => ({ day: p.to, ...p })),
    'period ending',
    chart.title,
    `band: 95% Wilson interval · ${chart.subtitle}`,
  );
}

/** Rep × industry: colour = raw win rate minus the industry median, text = n. */
export function fitHeatmapSpec(report: AuditResult): TopLevelSpec {
  const values = report.reps.flatMap((rep) =>
    rep.industries.map((i) => ({
      rep: label(rep.repId),
      industry: label(i.industry),
      vsMedian: i.vsMedian,
      rate: i.rate,
      n: i.n,
      tier: rep.tier,
    })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Rep × industry fit — ${report.month}`,
      subtitle: `colour: win rate minus industry median (reps with n ≥ 5) · number: n · data as of ${report.asOf}`,
    },
    data: { values },
    config: CONFIG,
    width: { step: 70 },
    height: { step: 18 },
    layer: [
      {
        mark: 'rect',
        encoding: {
          x: { field: 'industry', type: 'nominal', title: null, axis: { labelAngle: -30 } },
          y: { field: 'rep', type: 'nominal', title: null },
          color: {
            field: 'vsMedian',
            type: 'quantitative',
            title: 'vs median',
            scale: { scheme: 'redblue', domain: [-0.3, 0.3], clamp: true },
            legend: { format: '+.0%' },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          x: { field: 'industry', type: 'nominal' },
          y: { field: 'rep', type: 'nominal' },
          text: { field: 'n', type: 'quantitative' },
        },
      },
    ],
  } as TopLevelSpec;
}
