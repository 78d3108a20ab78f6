import { describe, expect, it } from 'vitest';
import {
  type AlertCandidate,
  type AlertType,
  decideAlerts,
  jobFailedAlert,
  type MomentumInput,
  negativeMomentumAlert,
  syncFailedAlert,
  type WinRateInput,
  winRateThresholdAlert,
} from '../../src/domain/alert-rules.js';

const rate = (won: number, n: number) => ({
  won,
  n,
  rate: won / n,
  ci: [won / n - 0.05, won / n + 0.05] as [number, number],
});

const winRate: WinRateInput = {
  overall: rate(412, 1000),
  previous: rate(450, 1000),
  consecutiveDeclines: 4,
  decomposition: [
    {
      dimension: 'leadSource',
      segment: 'Inbound',
      total: -0.02,
      previous: rate(120, 250),
      current: rate(100, 250),
    },
    {
      dimension: 'industry',
      segment: 'FinTech',
      total: -0.01,
      previous: rate(90, 200),
      current: rate(80, 200),
    },
    {
      dimension: 'region',
      segment: 'APAC',
      total: -0.03,
      previous: rate(5, 10),
      current: rate(2, 10),
    },
    {
      dimension: 'product',
      segment: 'Pro',
      total: 0.01,
      previous: rate(90, 200),
      current: rate(95, 200),
    },
  ],
};

describe('winRateThresholdAlert', () => {
  it('fires HIGH below the threshold with n, interval, contributors and actions', () => {
    const alert = winRateThresholdAlert(winRate, 0.43);
    expect(alert).not.toBeNull();
    expect(alert?.severity).toBe('HIGH');
    expect(alert?.key).toBe('winrate-threshold:overall');
    expect(alert?.n).toBe(1000);
    // APAC moved most but on n = 10: never drives an alert
    expect(alert?.contributors.map((c) => c.segment)).toEqual(['Inbound', 'FinTech']);
    expect(alert?.actions.length).toBeGreaterThanOrEqual(1);
    expect(alert?.actions.length).toBeLessThanOrEqual(3);
    expect(alert?.context.join(' ')).toContain('associated with');
    expect(alert?.context.join(' ')).toContain('4 consecutive weeks');
    expect(JSON.stringify(alert)).not.toMatch(/caused by/i);
  });

  it('stays quiet at or above the threshold and on fewer than 30 closed deals', () => {
    expect(winRateThresholdAlert(winRate, 0.412)).toBeNull();
    expect(winRateThresholdAlert({ ...winRate, overall: rate(5, 29) }, 0.9)).toBeNull();
  });
});

describe('negativeMomentumAlert', () => {
  const segment = (value: string, smi: number, declineSignificant: boolean, n = 300) => ({
    dimension: 'leadSource' as const,
    value,
    smi,
    share: 0.26,
    p: 0.2,
    significant: false,
    current: rate(Math.round(0.405 * n), n),
    previous: rate(Math.round(0.488 * n), n),
    baseline: rate(Math.round(0.47 * 4 * n), 4 * n),
    declineP: declineSignificant ? 0.001 : 0.3,
    declineSignificant,
    riseP: 0.99,
    riseSignificant: false,
  });
  const momentum = (significant: boolean, n = 300): MomentumInput => ({
    quarter: '2024Q2',
    previousQuarter: '2024Q1',
    baselineQuarters: { from: '2023Q2', to: '2024Q1' },
    fdr: 0.1,
    significantDeclines: significant ? [segment('Inbound', -0.022, true, n)] : [],
  });

  it('names the most negative significant decline and lists the others in its context', () => {
    const alert = negativeMomentumAlert({
      ...momentum(true),
      significantDeclines: [segment('Partner', -0.03, true), segment('Inbound', -0.022, true)],
    });
    expect(alert?.key).toBe('negative-momentum:leadSource:Partner');
    expect(alert?.context.join(' ')).toContain('Also declining significantly: leadSource Inbound');
    expect(alert?.context[0]).toContain('over the four quarters before (2023Q2–2024Q1, n = 1200)');
  });

  it('fires MEDIUM only when a decline is significant against the baseline', () => {
    expect(negativeMomentumAlert(momentum(false))).toBeNull();
    const alert = negativeMomentumAlert(momentum(true));
    expect(alert?.severity).toBe('MEDIUM');
    expect(alert?.key).toBe('negative-momentum:leadSource:Inbound');
  });

  it('never fires on a segment with fewer than 30 deals in a quarter', () => {
    expect(negativeMomentumAlert(momentum(true, 20))).toBeNull();
  });
});

describe('ops alerts', () => {
  it('raises a sync alert from the third consecutive failure on', () => {
    expect(syncFailedAlert('salesforce', 2, 'timeout', '2024-07-01')).toBeNull();
    const alert = syncFailedAlert('salesforce', 3, 'timeout', '2024-07-01');
    expect(alert).toMatchObject({
      severity: 'HIGH',
      destination: 'ops',
      key: 'sync-failed:salesforce',
    });
    expect(alert?.context.join(' ')).toContain('data as of 2024-07-01');
    expect(jobFailedAlert('digest', 'boom')).toMatchObject({
      key: 'job-failed:digest',
      destination: 'ops',
    });
  });
});

describe('decideAlerts', () => {
  const candidate = (key: string, severity: AlertCandidate['severity']): AlertCandidate => ({
    key,
    type: key.split(':')[0] as AlertType,
    severity,
    destination: 'alerts',
    title: key,
    figure: 0,
    baseline: 0,
    n: 100,
    ci: null,
    context: [],
    contributors: [],
    actions: [],
  });
  const types = new Set<AlertType>(['winrate-threshold', 'negative-momentum']);

  it('does not resend an active key, and reports keys whose condition cleared', () => {
    const { decisions, clearedKeys } = decideAlerts(
      [candidate('winrate-threshold:overall', 'HIGH')],
      {
        activeKeys: new Set([
          'winrate-threshold:overall',
          'negative-momentum:region:APAC',
          'sync-failed:salesforce',
        ]),
        postedThisWeek: new Map(),
      },
      3,
      types,
    );
    expect(decisions.map((d) => d.action)).toEqual(['duplicate']);
    // the sync alert was not evaluated in this sweep, so it has not cleared
    expect(clearedKeys).toEqual(['negative-momentum:region:APAC']);
  });

  it('spends the weekly budget on the most severe first, folds MEDIUM, posts HIGH over budget', () => {
    const { decisions } = decideAlerts(
      [
        candidate('negative-momentum:leadSource:Inbound', 'MEDIUM'),
        candidate('winrate-threshold:overall', 'HIGH'),
        candidate('negative-momentum:region:APAC', 'MEDIUM'),
      ],
      { activeKeys: new Set(), postedThisWeek: new Map([['alerts', 1]]) },
      2,
      types,
    );
    expect(decisions.map((d) => [d.candidate.key, d.action])).toEqual([
      ['winrate-threshold:overall', 'send'],
      ['negative-momentum:leadSource:Inbound', 'fold'],
      ['negative-momentum:region:APAC', 'fold'],
    ]);
    const over = decideAlerts(
      [candidate('winrate-threshold:overall', 'HIGH')],
      { activeKeys: new Set(), postedThisWeek: new Map([['alerts', 3]]) },
      3,
      types,
    );
    expect(over.decisions[0]?.action).toBe('send-over-budget');
  });
});
