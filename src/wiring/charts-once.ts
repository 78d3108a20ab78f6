/**
 * Each chart drawn once per content. A chart is a pure function of what it shows (the
 * report or the question's figures, "data as of" included), so the same question asked
 * again on the same data, by another person or in a burst, reuses the PNG instead of
 * spending ~40 ms of a thread on vega and resvg again (bench:ask: most of the CPU an
 * answer cost). New data gives new figures, hence a new key: nothing stale is served.
 */
import type { ChartRenderer, Png } from '../app/ports/messenger.js';
import { AnswerCache } from '../app/queries/answer-cache.js';

/** charts kept: the distinct questions of a busy morning, a few MB of PNGs at most */
const KEPT = 64;

export function chartsOnce(renderer: ChartRenderer, kept = KEPT): ChartRenderer {
  // the key is the content itself, so the cache needs no data version of its own
  const drawn = new AnswerCache(() => '', kept);
  const once =
    <R>(kind: keyof ChartRenderer, draw: (report: R) => Promise<Png>) =>
    (report: R): Promise<Png> =>
      drawn.memo(`${kind}:${JSON.stringify(report)}`, () => draw(report));
  return {
    winRateBySegment: once('winRateBySegment', (r) => renderer.winRateBySegment(r)),
    winRateTrend: once('winRateTrend', (r) => renderer.winRateTrend(r)),
    fitHeatmap: once('fitHeatmap', (r) => renderer.fitHeatmap(r)),
    questionChart: once('questionChart', (c) => renderer.questionChart(c)),
  };
}
