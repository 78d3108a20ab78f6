/** Charts drawn once per content (wiring/charts-once.ts). */
import { describe, expect, it } from 'vitest';
import type { ChartRenderer, Png } from '../../src/app/ports/messenger.js';
import { chartsOnce } from '../../src/wiring/charts-once.js';

/** A renderer that counts its drawings; `fail` makes the next one reject. */
function countingRenderer() {
  const drawn: string[] = [];
  let fail = false;
  const draw = async (what: unknown): Promise<Png> => {
    drawn.push(JSON.stringify(what));
    if (fail) {
      fail = false;
      throw new Error('resvg failed');
    }
    return { data: Buffer.from(JSON.stringify(what)), width: 1, height: 1 };
  };
  const renderer = {
    winRateBySegment: draw,
    winRateTrend: draw,
    fitHeatmap: draw,
    questionChart: draw,
  } as unknown as ChartRenderer;
  return { renderer, drawn, failNext: () => (fail = true) };
}

describe('chartsOnce', () => {
  it('draws the same content once and other content again', async () => {
    const { renderer, drawn } = countingRenderer();
    const charts = chartsOnce(renderer);
    const chart = {
      kind: 'bar',
      title: 'Win rate by industry',
      rows: [{ label: 'SaaS', value: 0.4 }],
    };
    const a = await charts.questionChart(chart as never);
    // an equal object built elsewhere (another person's same question) reuses the PNG
    const b = await charts.questionChart(structuredClone(chart) as never);
    expect(b).toBe(a);
    expect(drawn).toHaveLength(1);
    await charts.questionChart({ ...chart, title: 'Win rate by region' } as never);
    // the same content as another kind of chart is another drawing
    await charts.winRateTrend(chart as never);
    expect(drawn).toHaveLength(3);
  });

  it('draws a chart again after a failed drawing, and keeps only the most recent', async () => {
    const { renderer, drawn, failNext } = countingRenderer();
    const charts = chartsOnce(renderer, 2);
    failNext();
    await expect(charts.questionChart({ n: 1 } as never)).rejects.toThrow('resvg failed');
    await charts.questionChart({ n: 1 } as never);
    expect(drawn).toHaveLength(2);
    await charts.questionChart({ n: 2 } as never);
    await charts.questionChart({ n: 3 } as never); // {n: 1} is the least recently used: gone
    await charts.questionChart({ n: 3 } as never);
    await charts.questionChart({ n: 1 } as never);
    expect(drawn.map((d) => JSON.parse(d).n)).toEqual([1, 1, 2, 3, 1]);
  });
});
