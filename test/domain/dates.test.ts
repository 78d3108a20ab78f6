import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, isoWeek, toDayNumber } from '../../src/domain/dates.js';

describe('dates', () => {
  it('rejects impossible calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-02-30')).toBe(false);
    expect(isIsoDate('2023-2-3')).toBe(false);
    expect(toDayNumber('1970-01-02')).toBe(1);
  });

  it('adds and subtracts days across month and year ends', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
  });

  it('gives ISO weeks, including weeks that belong to the neighbouring year', () => {
    expect(isoWeek('2024-01-15')).toBe('2024-W03');
    expect(isoWeek('2024-01-01')).toBe('2024-W01'); // a Monday
    expect(isoWeek('2021-01-03')).toBe('2020-W53'); // a Sunday
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2024-07-21')).toBe('2024-W29'); // Sunday ends the week
  });
});
