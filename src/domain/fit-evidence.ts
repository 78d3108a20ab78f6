/**
 * Is fit associated with winning on this data? (metrics.md "Co-lead matching" step 6.)
 * The answer comes from the driver model in use: the validation AUC of RSFS alone, with
 * its 95% bootstrap interval. Every co-lead card, batch summary, App Home and the digest
 * carry it, so a manager reads a RED flag as strong or weak evidence, not as a fact.
 */
import type { AucFigure, DriversResult } from './drivers.js';

export type FitAssociation =
  /** the AUC's interval lies above 0.5 */
  | 'associated'
  /** the interval includes 0.5 */
  | 'chance'
  /** the interval lies below 0.5: high fit went with losing */
  | 'opposite'
  /** no driver model yet, or its AUC is undefined (too few validation deals) */
  | 'unmeasured';

export interface FitEvidence {
  association: FitAssociation;
  /** the RSFS-alone validation AUC (null when unmeasured) */
  auc: { value: number; ci: [number, number] | null } | null;
  /** the driver model's data as of, or null when none has run */
  modelAsOf: string | null;
  /** validation deals behind the AUC */
  n: number;
  /** why unmeasured, when it is */
  reason?: string;
}

export function fitEvidence(
  drivers: Pick<DriversResult, 'auc' | 'asOf' | 'validation'> | null,
): FitEvidence {
  if (!drivers) {
    return {
      association: 'unmeasured',
      auc: null,
      modelAsOf: null,
      n: 0,
      reason: 'the driver model has not run yet',
    };
  }
  const a: AucFigure = drivers.auc.rsfs;
  const n = drivers.validation.n;
  if (a.value === null) {
    return {
      association: 'unmeasured',
      auc: null,
      modelAsOf: drivers.asOf,
      n,
      reason: a.undefinedReason ?? 'the AUC is undefined on this data',
    };
  }
  const ci = a.ci;
  const association: FitAssociation =
    ci === null ? 'chance' : ci[0] > 0.5 ? 'associated' : ci[1] < 0.5 ? 'opposite' : 'chance';
  return { association, auc: { value: a.value, ci }, modelAsOf: drivers.asOf, n };
}

/**
 * Weak evidence (metrics.md step 6): fit is not shown to go with winning here and no
 * proposed lift is credible. The batch then proposes nothing unless told to.
 */
export function isWeakEvidence(evidence: FitEvidence, anyLiftCredible: boolean): boolean {
  return evidence.association !== 'associated' && !anyLiftCredible;
}

const auc3 = (x: number) => x.toFixed(2);

/** The one sentence every surface shows. */
export function evidenceSentence(e: FitEvidence): string {
  const figure = e.auc
    ? `AUC ${auc3(e.auc.value)}${e.auc.ci ? ` (95% CI ${auc3(e.auc.ci[0])}–${auc3(e.auc.ci[1])}, ${e.n} validation deals)` : ''}`
    : '';
  switch (e.association) {
    case 'associated':
      return `Fit is associated with winning on your data: ${figure}.`;
    case 'chance':
      return `Fit is not distinguishable from chance on your data (${figure}): treat RED as weak evidence.`;
    case 'opposite':
      return `Fit ran opposite to outcomes on your data (${figure}): treat RED as weak evidence.`;
    case 'unmeasured':
      return `Whether fit is associated with winning on your data is not measured yet (${e.reason}): treat RED as weak evidence.`;
  }
}
