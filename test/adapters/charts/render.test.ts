import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import {
  createChartRenderer,
  PNG_WIDTH,
  specToSvg,
  svgToPng,
} from '../../../src/adapters/charts/render.js';
import {
  fitHeatmapSpec,
  winRateBySegmentSpec,
  winRateTrendSpec,
} from '../../../src/adapters/charts/specs.js';
import { darkPixels, decodePng } from '../../helpers/png.js';
import { auditReport, winRateReport } from '../../helpers/report-fixtures.js';

// The y-axis labels of the segment chart sit in the left part, below the title.
const LABEL_AREA = { x0: 0, x1: 0.15, y0: 0.2, y1: 0.85 };

describe('chart rendering', () => {
  it('renders the segment chart to a PNG of the expected width with text drawn', async () => {
    const png = await createChartRenderer().winRateBySegment(winRateReport({ segments: 8 }));
    const image = decodePng(png.data);
    expect(image.width).toBe(PNG_WIDTH);
    expect(image.height).toBe(png.height);
    expect(image.height).toBeGreaterThan(150);
    expect(darkPixels(image, LABEL_AREA)).toBeGreaterThan(200);
  });

  it('draws no text without the font files: the check above can fail', async () => {
    const svg = await specToSvg(winRateBySegmentSpec(winRateReport({ segments: 8 })));
    const noFont = new Resvg(svg, {
      fitTo: { mode: 'width', value: PNG_WIDTH },
      background: 'white',
      font: { fontFiles: [], loadSystemFonts: false },
    })
      .render()
      .asPng();
    expect(darkPixels(decodePng(noFont), LABEL_AREA)).toBe(0);
    expect(darkPixels(decodePng(svgToPng(svg).data), LABEL_AREA)).toBeGreaterThan(200);
  });

  it('renders the trend (utc weeks) and the fit heat map with axis text', async () => {
    const renderer = createChartRenderer();
    const trend = decodePng((await renderer.winRateTrend(winRateReport())).data);
    expect(trend.width).toBe(PNG_WIDTH);
    // x-axis labels along the bottom
    expect(darkPixels(trend, { x0: 0.1, x1: 0.95, y0: 0.8, y1: 1 })).toBeGreaterThan(100);
    const heat = decodePng(
      (await renderer.fitHeatmap(auditReport({ reps: 25, industries: 5 }))).data,
    );
    expect(heat.width).toBe(PNG_WIDTH);
    expect(darkPixels(heat, { x0: 0, x1: 0.12, y0: 0.15, y1: 0.8 })).toBeGreaterThan(100);
  });

  it('uses utc time units and the shipped font in every spec', () => {
    const specs = [
      winRateBySegmentSpec(winRateReport()),
      winRateTrendSpec(winRateReport()),
      fitHeatmapSpec(auditReport()),
    ];
    for (const spec of specs) {
      const text = JSON.stringify(spec);
      expect(text).toContain('"font":"DejaVu Sans"');
      expect(text).not.toMatch(/"timeUnit":"(?!utc)/);
    }
    expect(JSON.stringify(specs[1])).toContain('"timeUnit":"utcyearmonthdate"');
  });

  it('keeps long segment names from blowing up the chart', async () => {
    const png = await createChartRenderer().winRateBySegment(
      winRateReport({ segments: 25, long: true }),
    );
    expect(decodePng(png.data).width).toBe(PNG_WIDTH);
  });
});
