/**
 * `npm run bench:colead [seeds]`: the co-lead calibration study (metrics.md "Co-lead
 * matching" step 4) over many seeds, after (the two-level RSFS and the 1 − 0.10/m interval)
 * and before (one k, Beta-only 90% interval, no selection correction) side by side on the
 * same RED deals. Each seed: 10,300 generated deals, 25 reps, 5 industries, ~300 open; the
 * real metrics run and the real co-lead batch (dry run).
 * - noise: no rep × industry skill: share of cards calling a lift credible (target ≤ 5%)
 * - planted: skill sd 0.5 log-odds (≈ 12pp) and 0.6 (the demo default, ≈ 14pp): the true
 *   difference inside the interval (target ≥ 90%) and credible lifts (target ≥ 80%)
 * Prints one JSON line.
 */
import { type CardTally, runColeadCalibration } from '../helpers/colead-calibration.js';

const seeds = Number(process.argv[2] ?? 10);
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const sum = (a: CardTally, b: CardTally): CardTally => ({
  proposals: a.proposals + b.proposals,
  credible: a.credible + b.credible,
  covered: a.covered + b.covered,
});
const rates = (t: CardTally) => ({
  proposals: t.proposals,
  credibleShare: share(t.credible, t.proposals),
  coveredShare: share(t.covered, t.proposals),
});

const started = Date.now();
const out: Record<string, unknown> = { bench: 'colead-calibration', seeds };
for (const [name, skillSd] of [
  ['noise', 0],
  ['planted_sd0.5', 0.5],
  ['planted_sd0.6', 0.6],
] as const) {
  let after: CardTally = { proposals: 0, credible: 0, covered: 0 };
  let before: CardTally = { proposals: 0, credible: 0, covered: 0 };
  const perSeed: Array<{ seed: number; credible: number | null; covered: number | null }> = [];
  let weak = 0;
  const aucs: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const r = await runColeadCalibration({ seed, skillSd });
    after = sum(after, r.after);
    before = sum(before, r.before);
    perSeed.push({
      seed,
      credible: share(r.after.credible, r.after.proposals),
      covered: share(r.after.covered, r.after.proposals),
    });
    if (r.evidence.weak) weak++;
    if (r.evidence.auc) aucs.push(r.evidence.auc.value);
  }
  aucs.sort((a, b) => a - b);
  out[name] = {
    skillSd,
    after: rates(after),
    before: rates(before),
    batchesJudgedWeak: weak,
    medianRsfsAuc: aucs[Math.floor(aucs.length / 2)] ?? null,
    perSeed,
  };
}
out.seconds = (Date.now() - started) / 1000;
console.log(JSON.stringify(out));
