/** docs/metrics.md "Questions in plain words": every period form, relative to asOf. */
import { describe, expect, it } from 'vitest';
import { findPeriods, periodBefore } from '../../../src/app/conversation/periods.js';

const AS_OF = '2024-06-30';
const one = (text: string, asOf = AS_OF) => {
  const found = findPeriods(text, asOf);
  expect(found, text).toHaveLength(1);
  return found[0]!;
};

describe('periods in plain words', () => {
  it.each([
    ['this quarter', '2024-04-01', '2024-06-30'],
    ['last quarter', '2024-01-01', '2024-03-31'],
    ['q2 2024', '2024-04-01', '2024-06-30'],
    ['2023 q4', '2023-10-01', '2023-12-31'],
    ['q3', '2023-07-01', '2023-09-30'],
    ['2023', '2023-01-01', '2023-12-31'],
    ['h1 2024', '2024-01-01', '2024-06-30'],
    ['second half of 2023', '2023-07-01', '2023-12-31'],
    ['in march', '2024-03-01', '2024-03-31'],
    ['in july', '2023-07-01', '2023-07-31'],
    ['since march', '2024-03-01', '2024-06-30'],
    ['since jan 15', '2024-01-15', '2024-06-30'],
    ['last 30 days', '2024-06-01', '2024-06-30'],
    ['last 6 weeks', '2024-05-20', '2024-06-30'],
    ['last 3 months', '2024-03-31', '2024-06-30'],
    ['this year', '2024-01-01', '2024-06-30'],
    ['ytd', '2024-01-01', '2024-06-30'],
    ['last year', '2023-01-01', '2023-12-31'],
    ['last month', '2024-05-01', '2024-05-31'],
    ['between march 1 and april 15', '2024-03-01', '2024-04-15'],
    ['from 2024-02-01 to 2024-03-15', '2024-02-01', '2024-03-15'],
  ])('%s', (text, from, to) => {
    expect(one(text).period).toEqual({ from, to });
  });

  it('never reaches past asOf and never names a period that has not begun', () => {
    expect(one('this quarter', '2024-05-15').period).toEqual({
      from: '2024-04-01',
      to: '2024-05-15',
    });
    expect(findPeriods('q3 2024', AS_OF)).toEqual([]);
    expect(findPeriods('2025', AS_OF)).toEqual([]);
  });

  it('marks what follows "vs" / "compared to" as the comparison', () => {
    const [a, b] = findPeriods('this quarter vs last quarter', AS_OF);
    expect(a).toMatchObject({ comparison: false, period: { from: '2024-04-01' } });
    expect(b).toMatchObject({ comparison: true, period: { from: '2024-01-01' } });
  });

  it('gives the period before of the same kind and length', () => {
    expect(periodBefore(one('q1 2024'))).toEqual({ from: '2023-10-01', to: '2023-12-31' });
    expect(periodBefore(one('in march'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodBefore(one('last 30 days'))).toEqual({ from: '2024-05-02', to: '2024-05-31' });
    expect(periodBefore(one('2023'))).toEqual({ from: '2022-01-01', to: '2022-12-31' });
  });
});
