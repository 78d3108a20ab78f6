/** The checklist as text: the whole of it (`dealfit doctor`) or its short start-up block. */
import { CHECK_AREAS, type Check, type CheckStatus, type DoctorReport } from './checks.js';

const MARK: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function countsLine(r: DoctorReport): string {
  return `${r.counts.ok} ok, ${plural(r.counts.warn, 'warning')}, ${plural(r.counts.fail, 'failure')}`;
}

function lines(c: Check): string[] {
  const out = [`  ${MARK[c.status]}  ${c.name}: ${c.detail}`];
  if (c.fix && c.status !== 'ok') out.push(`        fix: ${c.fix}`);
  return out;
}

/** Every line, grouped by area, and the counts. */
export function doctorText(r: DoctorReport): string {
  const out: string[] = [];
  for (const area of CHECK_AREAS) {
    const checks = r.checks.filter((c) => c.area === area);
    if (checks.length === 0) continue;
    out.push(area, ...checks.flatMap(lines));
  }
  out.push('', `${countsLine(r)}${r.ok ? '' : ' (dealfit doctor exits 1)'}`);
  return out.join('\n');
}

/** The start-up block: the counts, then only what needs attention. */
export function startUpText(r: DoctorReport): string {
  const attention = r.checks.filter((c) => c.status !== 'ok');
  return [
    `setup checks: ${countsLine(r)}${attention.length > 0 ? '' : ' (dealfit doctor shows them)'}`,
    ...attention.flatMap((c) => lines({ ...c, name: `${c.area} ${c.name}` })),
  ].join('\n');
}
