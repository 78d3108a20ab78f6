/**
 * One line of `dealfit doctor`: what was checked, ok / warn / fail, and the fix. The same
 * checks run at start-up; a `fatal` failure (the app could do nothing) stops it there.
 */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export type CheckArea = 'configuration' | 'database' | 'slack' | 'salesforce' | 'webhook';

/** The order the areas are listed in. */
export const CHECK_AREAS: readonly CheckArea[] = [
  'configuration',
  'database',
  'slack',
  'salesforce',
  'webhook',
];

export interface Check {
  area: CheckArea;
  /** what was checked: a variable, `token`, `scopes`, `#channel`, `deals`, … */
  name: string;
  status: CheckStatus;
  detail: string;
  /** what to do about a warning or a failure */
  fix?: string;
  /** start-up stops on it: with this failure the app cannot do anything useful */
  fatal?: boolean;
  /** a state to show, not a problem to alert on (no deals yet: App Home shows the steps) */
  quiet?: boolean;
}

export interface DoctorReport {
  /** nothing failed (warnings allowed): `dealfit doctor` exits 0 */
  ok: boolean;
  counts: Record<CheckStatus, number>;
  checks: Check[];
}

export function report(checks: Check[]): DoctorReport {
  const counts: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0 };
  for (const c of checks) counts[c.status] += 1;
  const order = (c: Check) => CHECK_AREAS.indexOf(c.area);
  // stable: within an area the checks keep the order they were made in
  const sorted = checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => order(a.c) - order(b.c) || a.i - b.i);
  return { ok: counts.fail === 0, counts, checks: sorted.map((s) => s.c) };
}

export const ok = (area: CheckArea, name: string, detail: string): Check => ({
  area,
  name,
  status: 'ok',
  detail,
});

export const warn = (area: CheckArea, name: string, detail: string, fix: string): Check => ({
  area,
  name,
  status: 'warn',
  detail,
  fix,
});

export const fail = (
  area: CheckArea,
  name: string,
  detail: string,
  fix: string,
  fatal = false,
): Check => ({ area, name, status: 'fail', detail, fix, ...(fatal ? { fatal } : {}) });
