/**
 * `npm run bench:alerts`: the alert false-alarm study over many seeds. Each seed: two years
 * of generated deals (14,000, > 300 closed Inbound deals a quarter), a year of weekly
 * sweeps (2024-01-05 .. 2025-01-03) through the real sweep and ledger.
 * - noise: every effect off; momentum alerts per evaluated quarter
 * - planted: Inbound 10pp lower in 2024Q4; does an alert fire for 2024Q4, and does it name Inbound?
 * Targets (issue: momentum test): fired ≥ 80% of seeds, Inbound named in ≥ 90% of those,
 * at most 1 false momentum alert per simulated year.
 * Prints one JSON line.
 */
import { LEAD_DROP, NOISE, runAlertStudy } from '../helpers/alert-study.js';

const seeds = Number(process.argv[2] ?? 20);
const base = {
  deals: 14_000,
  start: '2023-01-01',
  end: '2024-12-31',
  firstSweep: '2024-01-05',
  lastSweep: '2025-01-03',
};
let noiseMomentum = 0;
let noiseQuarters = 0;
let noiseThreshold = 0;
let noiseThresholdQuarters = 0;
const noiseHistogram: Record<string, number> = {};
let plantedFired = 0;
let plantedNamesInbound = 0;
let plantedMentionsInbound = 0;
let plantedEarlier = 0;
let minInbound = Number.POSITIVE_INFINITY;
const started = Date.now();
for (let seed = 1; seed <= seeds; seed++) {
  const noise = await runAlertStudy({ ...base, seed, effects: NOISE });
  for (const n of Object.values(noise.momentumPerQuarter)) {
    noiseMomentum += n;
    noiseQuarters++;
    noiseHistogram[n] = (noiseHistogram[n] ?? 0) + 1;
  }
  for (const n of Object.values(noise.thresholdPerQuarter)) {
    noiseThreshold += n;
    noiseThresholdQuarters++;
  }
  const planted = await runAlertStudy({ ...base, seed, effects: LEAD_DROP });
  const q4 = planted.momentumAlerts.filter((a) => a.evaluated === '2024Q4');
  if (q4.length > 0) plantedFired++;
  if (q4.some((a) => a.key === 'negative-momentum:leadSource:Inbound')) plantedNamesInbound++;
  if (q4.some((a) => a.mentionsInbound)) plantedMentionsInbound++;
  plantedEarlier += planted.momentumAlerts.length - q4.length;
  minInbound = Math.min(minInbound, planted.inboundPerQuarter['2024Q4'] ?? 0);
}
console.log(
  JSON.stringify({
    bench: 'alerts-false-alarm',
    seeds,
    sweepsPerSeed: 53,
    noise: {
      momentumAlertsPerQuarter: noiseMomentum / noiseQuarters,
      // each seed is one simulated year of weekly sweeps (target: at most 1)
      momentumAlertsPerSimulatedYear: noiseMomentum / seeds,
      quartersEvaluated: noiseQuarters,
      quartersByAlertCount: noiseHistogram,
      thresholdAlertsPerQuarter: noiseThreshold / noiseThresholdQuarters,
    },
    planted: {
      dropPp: 10,
      minInboundClosedIn2024Q4: minInbound,
      firedFor2024Q4: plantedFired / seeds,
      namedInbound: plantedNamesInbound / seeds,
      // of the seeds whose 2024Q4 alert fired, the share that named Inbound (target: 90%)
      namedInboundOfFired: plantedFired > 0 ? plantedNamesInbound / plantedFired : null,
      // Inbound named as the headline or listed among the other significant declines
      mentionsInboundOfFired: plantedFired > 0 ? plantedMentionsInbound / plantedFired : null,
      alertsForEarlierQuarters: plantedEarlier,
    },
    seconds: (Date.now() - started) / 1000,
  }),
);
