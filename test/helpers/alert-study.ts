/**
 * The false-alarm study: generated deals, a year of weekly alert sweeps through the real
 * sweep (real ledger on SQLite, dedupe, budget), counting the alerts that fire (sent,
 * over budget or folded; a deduped repeat is not a new alert) per calendar quarter of
 * the sweep date. Used by a test (one seed) and by `npm run bench:alerts` (many seeds).
 */

import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import type { AlertView } from '../../src/app/alerts/alert-lifecycle.js';
import { runAlertSweep } from '../../src/app/alerts/alert-sweep.js';
import { statFns } from '../../src/app/stat-fns.js';
import { addDays, toDayNumber } from '../../src/domain/dates.js';
import type { Deal } from '../../src/domain/deal.js';
import { dealTableFrom } from '../../src/domain/deal-table.js';
import { type DemoEffects, generateDemoDeals, NO_EFFECTS } from '../../src/domain/demo-deals.js';
import {
  computeMomentum,
  defaultQuarter,
  quarterLabel,
  quarterOf,
} from '../../src/domain/momentum.js';
import { computeWinRates } from '../../src/domain/win-rate.js';
import { createRecordingMessenger } from './recording-messenger.js';
import { createTestDb } from './test-db.js';

export interface StudyOptions {
  seed: number;
  deals: number;
  /** first and last sweep dates (weekly, on this weekday) */
  firstSweep: string;
  lastSweep: string;
  /** data range of the generator */
  start: string;
  end: string;
  effects: DemoEffects;
  threshold?: number;
}

export interface StudyResult {
  sweeps: number;
  /** momentum alerts that fired, per quarter evaluated (the last complete quarter) */
  momentumPerQuarter: Record<string, number>;
  /** win-rate threshold alerts that fired, per quarter of the sweep date */
  thresholdPerQuarter: Record<string, number>;
  /**
   * the momentum alert keys that fired, with the quarter evaluated and whether the alert
   * mentions Inbound anywhere (its headline, or "Also declining significantly: …")
   */
  momentumAlerts: Array<{
    sweep: string;
    key: string;
    evaluated: string;
    mentionsInbound: boolean;
  }>;
  /** closed deals per quarter in the planted lead source (Inbound), for the ≥ 300 check */
  inboundPerQuarter: Record<string, number>;
}

// the title and the context lines: whether a segment is named at all, headline or listed
const render = (view: AlertView) => ({
  text: [view.candidate.title, ...view.candidate.context].join('\n'),
});

export async function runAlertStudy(o: StudyOptions): Promise<StudyResult> {
  const deals: Deal[] = [
    ...generateDemoDeals({
      seed: o.seed,
      deals: o.deals,
      reps: 25,
      start: o.start,
      end: o.end,
      openShare: 0.08,
      baseWinRate: 0.45,
      effects: o.effects,
    }),
  ];
  const db = createTestDb();
  let now = new Date(`${o.firstSweep}T06:00:00Z`);
  const deps = {
    store: createSqliteStore(db),
    messenger: createRecordingMessenger(),
    render,
    channels: { alerts: 'CALERTS', ops: 'COPS' },
    threshold: o.threshold ?? 0.43,
    budget: 3,
    now: () => now,
  };
  const result: StudyResult = {
    sweeps: 0,
    momentumPerQuarter: {},
    thresholdPerQuarter: {},
    momentumAlerts: [],
    inboundPerQuarter: {},
  };
  for (const d of deals) {
    if (d.closedDate && d.leadSource === 'Inbound') {
      const q = quarterLabel(quarterOf(toDayNumber(d.closedDate)));
      result.inboundPerQuarter[q] = (result.inboundPerQuarter[q] ?? 0) + 1;
    }
  }
  for (let day = o.firstSweep; day <= o.lastSweep; day = addDays(day, 7)) {
    now = new Date(`${day}T06:00:00Z`);
    const table = dealTableFrom(deals, day);
    const momentum = computeMomentum(table, defaultQuarter(table.asOf, false), false, statFns);
    const winRate = computeWinRates(table, { window: 90 });
    const swept = await runAlertSweep(deps, { asOf: day, momentum, winRate });
    const q = quarterLabel(quarterOf(toDayNumber(day)));
    result.momentumPerQuarter[momentum.quarter] ??= 0;
    result.thresholdPerQuarter[q] ??= 0;
    for (const a of swept.alerts) {
      if (a.status === 'deduped') continue;
      if (a.key.startsWith('negative-momentum')) {
        result.momentumPerQuarter[momentum.quarter] =
          (result.momentumPerQuarter[momentum.quarter] ?? 0) + 1;
        result.momentumAlerts.push({
          sweep: day,
          key: a.key,
          evaluated: momentum.quarter,
          mentionsInbound: /\bInbound\b/.test(a.message?.text ?? ''),
        });
      } else if (a.key.startsWith('winrate-threshold')) {
        result.thresholdPerQuarter[q] = (result.thresholdPerQuarter[q] ?? 0) + 1;
      }
    }
    result.sweeps++;
  }
  return result;
}

export const NOISE: DemoEffects = NO_EFFECTS;
export const LEAD_DROP: DemoEffects = { ...NO_EFFECTS, leadSourceDropPp: 10 };
