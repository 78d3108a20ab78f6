/** The /winrate answer: overall rolling rate, change, trend, why it moved, segment table. */
import type {
  DecompositionRow,
  SegmentRate,
  WinRateResult,
} from '../../../app/queries/query-results.js';
import {
  asOfContext,
  context,
  DIMENSION_LABELS,
  divider,
  esc,
  fallback,
  header,
  LOW_SAMPLE_NOTE,
  pct,
  pp,
  rateText,
  section,
  short,
  windowText,
} from './format.js';
import type { Block, SlackMessage } from './types.js';

const SPARKS = '▁▂▃▄▅▆▇█';

/** A text sparkline of the weekly trend, scaled to its own min..max. */
export function sparkline(rates: Array<number | null>): string {
  const known = rates.filter((r): r is number => r !== null);
  if (known.length === 0) return '';
  const lo = Math.min(...known);
  const span = Math.max(...known) - lo;
  return rates
    .map((r) => {
      if (r === null) return ' ';
      const i = span === 0 ? 3 : Math.round(((r - lo) / span) * (SPARKS.length - 1));
      return SPARKS[i];
    })
    .join('');
}

export function trendText(report: WinRateResult): string {
  if (report.trend.length === 0) return 'no weekly trend yet';
  const first = report.trend[0]!;
  const last = report.trend[report.trend.length - 1]!;
  const line = `\`${sparkline(report.trend.map((t) => t.rate))}\` ${first.weekEnd} → ${last.weekEnd}`;
  const declines =
    report.consecutiveDeclines > 0
      ? `declining for ${report.consecutiveDeclines} consecutive week${report.consecutiveDeclines === 1 ? '' : 's'}`
      : 'not declining this week';
  return `${line} · ${declines}`;
}

export function contributorText(row: DecompositionRow): string {
  return `${DIMENSION_LABELS[row.dimension]} *${esc(row.segment)}* (${pp(row.total)}: rate ${pp(row.rateEffect)}, mix ${pp(row.mixEffect)}; ${pct(row.previous.rate)} → ${pct(row.current.rate)}, n ${row.previous.n} → ${row.current.n})`;
}

const NAME_WIDTH = 22;

function tableLine(s: SegmentRate): string {
  const name = short(s.value, NAME_WIDTH).padEnd(NAME_WIDTH);
  const rate = pct(s.rate).padStart(6);
  const n = String(s.n).padStart(5);
  const ci = s.ci ? `${pct(s.ci[0])}–${pct(s.ci[1])}` : 'n/a';
  return `${name} ${rate} ${n}  ${ci.padEnd(13)}${s.lowSample ? ' low n' : ''}`;
}

/** The segment table as preformatted sections, split so none passes the section limit. */
export function segmentTableBlocks(segments: SegmentRate[], maxSections = 6): Block[] {
  const head = `${'segment'.padEnd(NAME_WIDTH)}   rate     n  95% CI`;
  // 2,800 characters leaves room for the fences and the header line.
  const chunks: string[][] = [[]];
  let size = 0;
  for (const s of segments) {
    const line = esc(tableLine(s));
    if (size + line.length + 1 > 2800) {
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1]!.push(line);
    size += line.length + 1;
  }
  const shown = chunks.slice(0, maxSections);
  const blocks: Block[] = shown.map((lines) => section(`\`\`\`${head}\n${lines.join('\n')}\`\`\``));
  if (chunks.length > maxSections) {
    const hidden = chunks.slice(maxSections).reduce((sum, c) => sum + c.length, 0);
    blocks.push(context(`…and ${hidden} more segments (use the CLI for the full table)`));
  }
  return blocks;
}

export interface WinRateAnswerOptions {
  /** set when the chart could not be rendered or uploaded */
  chartNote?: string;
}

export function buildWinRateAnswer(
  report: WinRateResult,
  options: WinRateAnswerOptions = {},
): SlackMessage {
  // Without a segment word the engine returns every dimension: too long for one message.
  const dimensions = new Set(report.segments.map((s) => s.dimension));
  const dimension = dimensions.size === 1 ? report.segments[0]?.dimension : undefined;
  const title = `Win rate${dimension ? ` by ${DIMENSION_LABELS[dimension]}` : ''} — ${windowText(report.window)}`;
  const overall = `*${pct(report.overall.rate)}* overall (n = ${report.overall.n}${report.overall.ci ? `, 95% CI ${pct(report.overall.ci[0])}–${pct(report.overall.ci[1])}` : ''})`;
  const lines = [overall];
  if (report.previous) {
    const change =
      report.previous.rate !== null && report.overall.rate !== null
        ? ` → change ${pp(report.overall.rate - report.previous.rate)}`
        : '';
    lines.push(`previous ${report.window} days: ${rateText(report.previous)}${change}`);
  }
  lines.push(`weekly trend: ${trendText(report)}`);
  const blocks: Block[] = [header(title), section(lines.join('\n'))];
  if (report.biggestContributor) {
    blocks.push(
      section(
        `*Biggest contributor* to the change, associated with ${contributorText(report.biggestContributor)}`,
      ),
    );
  }
  if (dimension) {
    blocks.push(divider(), ...segmentTableBlocks(report.segments));
    if (report.segments.some((s) => s.lowSample)) blocks.push(context(LOW_SAMPLE_NOTE));
  } else if (report.segments.length > 0) {
    blocks.push(
      context('Add `industry`, `region`, `product`, `lead` or `rep` for a segment table.'),
    );
  }
  if (options.chartNote) blocks.push(context(`:bar_chart: ${esc(options.chartNote)}`));
  blocks.push(asOfContext(report.asOf, 'rates are won / (won + lost) with Wilson intervals'));
  const text = `Win rate ${pct(report.overall.rate)} (n = ${report.overall.n}) — ${windowText(report.window)}, data as of ${report.asOf}`;
  return { text: fallback(text), blocks };
}
