import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';

describe('the strict Prometheus text parser of the tests', () => {
  it('reads families, types, labels with escapes, special values and histograms', () => {
    const f = parsePrometheusText(
      [
        '# HELP a_total Things done',
        '# TYPE a_total counter',
        'a_total{job="x",why="say \\"hi\\"\\n"} 3',
        '# TYPE g gauge',
        'g NaN',
        'g{l="1"} -Inf',
        '# TYPE h histogram',
        'h_bucket{le="0.5"} 1',
        'h_bucket{le="+Inf"} 2',
        'h_sum 1.5e0',
        'h_count 2',
        '',
      ].join('\n'),
    );
    expect(f.get('a_total')).toMatchObject({ type: 'counter', help: 'Things done' });
    expect(f.get('a_total')?.samples[0]?.labels.why).toBe('say "hi"\n');
    expect(sampleValue(f, 'g')).toBeNaN();
    expect(sampleValue(f, 'g', { l: '1' })).toBe(Number.NEGATIVE_INFINITY);
    expect(sampleValue(f, 'h_count')).toBe(2);
  });

  it('rejects what Prometheus would, or what a scrape should never hold', () => {
    const bad = [
      'a{l="x} 1', // label never closed
      'a{l="x",l="y"} 1', // label twice
      'a{1l="x"} 1', // bad label name
      'a one', // not a value
      '# TYPE a counter\na -1', // a negative counter
      'a 1\n# TYPE a gauge', // TYPE after samples
      '# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2', // a family split
      '# TYPE a wat', // unknown type
      '# TYPE h histogram\nh_bucket{le="1"} 1\nh_count 1', // no +Inf bucket
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_count 1', // not cumulative
      '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_count 1', // count ≠ +Inf
    ];
    for (const text of bad) expect(() => parsePrometheusText(text), text).toThrow();
  });
});
