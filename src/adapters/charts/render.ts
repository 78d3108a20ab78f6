/**
 * vega-lite -> vega.View (renderer 'none', headless) -> SVG -> PNG with resvg. No canvas and
 * no browser. resvg gets the DejaVu font files explicitly: without a font it silently
 * draws no text at all, so the tests check that text pixels exist.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartRenderer, Png } from '../../app/ports/messenger.js';
import type { AuditResult, WinRateResult } from '../../app/queries/query-results.js';
import {
  CHART_FONT,
  fitHeatmapSpec,
  questionChartSpec,
  winRateBySegmentSpec,
  winRateTrendSpec,
} from './specs.js';

const FONT_DIR = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
export const FONT_FILES = [join(FONT_DIR, 'DejaVuSans.ttf'), join(FONT_DIR, 'DejaVuSans-Bold.ttf')];

/** Output width in pixels: 2x the spec's CSS size would be blurry-free but heavy; 900 reads well in Slack. */
export const PNG_WIDTH = 900;

export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function svgToPng(svg: string, width = PNG_WIDTH): Png {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: 'white',
    font: {
      fontFiles: FONT_FILES,
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
  });
  const image = resvg.render();
  return { data: image.asPng(), width: image.width, height: image.height };
}

export async function renderSpec(spec: TopLevelSpec, width = PNG_WIDTH): Promise<Png> {
  return svgToPng(await specToSvg(spec), width);
}

/** The ChartRenderer port, for the composition root. */
export function createChartRenderer(width = PNG_WIDTH): ChartRenderer {
  return {
    winRateBySegment: (report: WinRateResult) => renderSpec(winRateBySegmentSpec(report), width),
    winRateTrend: (report: WinRateResult) => renderSpec(winRateTrendSpec(report), width),
    fitHeatmap: (report: AuditResult) => renderSpec(fitHeatmapSpec(report), width),
    questionChart: (chart) => renderSpec(questionChartSpec(chart), width),
  };
}
