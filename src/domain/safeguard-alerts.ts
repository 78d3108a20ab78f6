/**
 * The design's two safeguards as alerts (metrics.md "Alerts"): a volume spike (MEDIUM, ops:
 * duplicated imports or a sync loop show as a week of far too many new deals) and model
 * drift (LOW, ops: the driver model no longer describes the deals closed since it was
 * validated). Both go through the same dedupe and budget as every alert.
 */
import type { AlertCandidate } from './alert-rules.js';
import { pct } from './figure-words.js';
import type { ModelDrift } from './model-drift.js';
import type { VolumeSpike } from './volume-spike.js';

export function volumeSpikeAlert(s: VolumeSpike): AlertCandidate | null {
  if (!s.spike) return null;
  const dup = s.possibleDuplicates;
  return {
    key: `volume-spike:${s.week.from}`,
    type: 'volume-spike',
    severity: 'MEDIUM',
    destination: 'ops',
    title: `${s.count} new deals in the week ${s.week.from} to ${s.week.to}, against a median of ${s.median} a week`,
    figure: s.count,
    baseline: s.median,
    n: s.count,
    ci: null,
    context: [
      `The 12 weeks before: median ${s.median}, quartiles ${s.q1}–${s.q3}; a spike is above ${s.threshold.toFixed(1)} (Q3 + 3·IQR), at least 1.5× the median and 20 more than it.`,
      dup.count > 0
        ? `${dup.count} of the week's deals repeat another one's rep, industry, region, product, amount and created date (possible duplicates): ${dup.ids.join(', ')}${dup.count > dup.ids.length ? ', …' : ''}.`
        : "None of the week's deals repeats another one field for field.",
    ],
    contributors: [],
    actions: [
      'Check the last imports and syncs for a file or a page loaded twice (`dealfit status`)',
      ...(dup.count > 0 ? ['Look up the possible duplicates in the CRM and merge them there'] : []),
    ],
  };
}

export function modelDriftAlert(d: ModelDrift): AlertCandidate | null {
  if (!d.drift || d.observed === null || d.predicted === null || d.expected === null) return null;
  const reasons: string[] = [];
  if (d.miscalibrated)
    reasons.push(
      `Observed win rate ${pct(d.observed)} of ${d.n} deals, outside the 95% range the model expects (${pct(d.expected[0])}–${pct(d.expected[1])} around its mean prediction ${pct(d.predicted)}).`,
    );
  if (d.rankingDropped && d.auc.ci && d.validationAuc.ci)
    reasons.push(
      `AUC on these deals ${d.auc.value?.toFixed(3)} (95% CI ${d.auc.ci[0].toFixed(3)}–${d.auc.ci[1].toFixed(3)}), below the validation AUC's interval (${d.validationAuc.ci[0].toFixed(3)}–${d.validationAuc.ci[1].toFixed(3)}).`,
    );
  return {
    key: `model-drift:${d.version}`,
    type: 'model-drift',
    severity: 'LOW',
    destination: 'ops',
    title: `The driver model ${d.version} no longer matches the deals closed since it was validated`,
    figure: d.observed,
    baseline: d.predicted,
    n: d.n,
    ci: d.expected,
    context: reasons,
    contributors: [],
    actions: [
      'Refit the driver model now (`dealfit jobs run drivers`) and compare its odds ratios with the last one',
      'Read fit-based recommendations (co-lead lifts) with extra care until then',
    ],
  };
}
