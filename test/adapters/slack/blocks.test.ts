import { describe, expect, it } from 'vitest';
import { buildAppHome } from '../../../src/adapters/slack/blocks/app-home.js';
import { buildAuditAnswer } from '../../../src/adapters/slack/blocks/audit-answer.js';
import {
  buildColeadCard,
  type ColeadCardInput,
} from '../../../src/adapters/slack/blocks/colead-card.js';
import { buildMomentumAlert } from '../../../src/adapters/slack/blocks/momentum-alert.js';
import { buildRepAudit } from '../../../src/adapters/slack/blocks/rep-audit.js';
import { buildRsfsCard } from '../../../src/adapters/slack/blocks/rsfs-card.js';
import type { SlackMessage } from '../../../src/adapters/slack/blocks/types.js';
import { buildErrorReply, buildUsage } from '../../../src/adapters/slack/blocks/usage.js';
import { buildWeeklyDigest } from '../../../src/adapters/slack/blocks/weekly-digest.js';
import { buildWinRateAlert } from '../../../src/adapters/slack/blocks/win-rate-alert.js';
import {
  buildWinRateAnswer,
  sparkline,
} from '../../../src/adapters/slack/blocks/winrate-answer.js';
import { ACTION_IDS, COMMANDS } from '../../../src/adapters/slack/ids.js';
import type { DigestInput } from '../../../src/app/alerts/digest.js';
import {
  auditReport,
  driversReport,
  momentumReport,
  rsfsReport,
  winRateReport,
} from '../../helpers/report-fixtures.js';
import { assertWithinSlackLimits, homeViewSchema } from '../../helpers/slack-limits.js';

/** Every visible string in a payload, for content assertions. */
function allText(message: { text?: string; blocks: unknown[] }): string {
  return JSON.stringify(message.blocks);
}

function coleadInput(
  o: { long?: boolean; alternates?: number; none?: boolean } = {},
): ColeadCardInput {
  const rsfs = rsfsReport({ long: o.long, candidates: Math.max(3, o.alternates ?? 2) });
  const [first, ...rest] = rsfs.coleadCandidates;
  return {
    rsfs,
    assignmentId: 'A-17',
    colead: o.none ? null : first!,
    noneReason: o.none ? 'all three candidates are at their advisory cap' : undefined,
    lift: o.none
      ? null
      : {
          value: 0.37,
          ci: [0.12, 0.6],
          credible: true,
          withinChance: false,
          candidates: 4,
          level: 0.975,
        },
    alternates: rest.slice(0, o.alternates ?? 2),
    evidence: {
      association: 'associated',
      auc: { value: 0.61, ci: [0.58, 0.63] },
      modelAsOf: '2024-06-30',
      n: 1000,
    },
  };
}

function digestInput(long = false): DigestInput {
  return {
    weekOf: '2024-07-01',
    winRate: winRateReport({ segments: long ? 25 : 5, long }),
    pipeline: { openDeals: 312, openAmount: 24_300_000 },
    velocity: {
      asOf: '2024-06-30',
      value: 41_200,
      openDeals: 312,
      meanOpenAmount: 77_900,
      openWithoutAmount: 0,
      winRate90: 0.451,
      closed90: 700,
      won90: 316,
      meanWonCycleDays90: 34,
      previous: { asOf: '2024-06-23', value: 39_800 },
    },
    avgRsfs: { value: 0.452, previous: 0.45 },
    momentum: momentumReport({ segments: long ? 25 : 4, long }),
    redDeals: 12,
    colead: {
      active: 8,
      closedWon: 2,
      meanLift: 0.23,
      redOutcomes: {
        since: '2023-06-30',
        coled: { won: 9, n: 20, rate: 0.45, ci: [0.26, 0.66] },
        solo: { won: 12, n: 40, rate: 0.3, ci: [0.18, 0.45] },
      },
    },
    drivers: driversReport(),
    driverShift: {
      since: '2024-06-23',
      shifts: Array.from({ length: long ? 8 : 1 }, (_, i) => ({
        feature: long
          ? `industry=${'Very Long Industry Name '.repeat(4)}${i}`
          : 'leadSource=Inbound',
        before: { feature: 'x', oddsRatio: 1.5, ci: [1.2, 1.8] as [number, number] },
        after: { feature: 'x', oddsRatio: 0.7, ci: [0.55, 0.85] as [number, number] },
      })),
    },
    foldedAlerts: long ? Array.from({ length: 30 }, (_, i) => `alert ${i} ${'y'.repeat(400)}`) : [],
  };
}

const messages: Array<[string, () => SlackMessage]> = [
  ['win-rate answer', () => buildWinRateAnswer(winRateReport())],
  [
    'win-rate answer, 25 reps with long names',
    () => buildWinRateAnswer(winRateReport({ segments: 25, dimension: 'rep', long: true })),
  ],
  [
    'win-rate answer, 400 segments',
    () => buildWinRateAnswer(winRateReport({ segments: 400, long: true })),
  ],
  [
    'win-rate answer, all window',
    () => buildWinRateAnswer(winRateReport({ window: 'all' }), { chartNote: 'chart unavailable' }),
  ],
  [
    'win-rate alert',
    () =>
      buildWinRateAlert({
        report: winRateReport(),
        threshold: 0.43,
        severity: 'HIGH',
        actions: ['Audit inbound lead qualification criteria'],
      }),
  ],
  [
    'win-rate alert, long',
    () =>
      buildWinRateAlert({
        report: winRateReport({ segments: 25, long: true }),
        threshold: 0.43,
        severity: 'HIGH',
        actions: ['a'.repeat(5000), 'b', 'c', 'd'],
      }),
  ],
  [
    'momentum alert',
    () =>
      buildMomentumAlert({
        report: momentumReport(),
        severity: 'MEDIUM',
        actions: ['Check marketing campaigns'],
      }),
  ],
  [
    'momentum alert, long',
    () =>
      buildMomentumAlert({
        report: momentumReport({ segments: 25, long: true }),
        severity: 'MEDIUM',
        actions: [],
      }),
  ],
  ['co-lead card', () => buildColeadCard(coleadInput())],
  [
    'co-lead card, long, 150 alternates',
    () => buildColeadCard(coleadInput({ long: true, alternates: 150 })),
  ],
  ['co-lead card, nobody free', () => buildColeadCard(coleadInput({ none: true }))],
  ['rsfs card', () => buildRsfsCard(rsfsReport())],
  ['rsfs card, long', () => buildRsfsCard(rsfsReport({ long: true, candidates: 40 }))],
  [
    'rep audit',
    () =>
      buildRepAudit(auditReport(), {
        pairings: [{ repId: 'rep_4', coleadRepId: 'rep_1', industry: 'segment_01', deals: 4 }],
      }),
  ],
  [
    'rep audit, 25 reps long',
    () => buildRepAudit(auditReport({ reps: 25, industries: 12, long: true })),
  ],
  ['audit answer', () => buildAuditAnswer(auditReport(), { chartNote: 'chart upload failed' })],
  ['weekly digest', () => buildWeeklyDigest(digestInput())],
  ['weekly digest, long', () => buildWeeklyDigest(digestInput(true))],
  ...Object.values(COMMANDS).map((c): [string, () => SlackMessage] => [
    `usage ${c}`,
    () => buildUsage(c, `unknown word "${'ü'.repeat(10_000)}"`),
  ]),
  [
    'error reply',
    () => buildErrorReply('The database is locked', 'Try again in a minute.', 'SQLITE_BUSY'),
  ],
];

describe('Block Kit builders', () => {
  it.each(messages)('%s stays within Slack limits', (_name, build) => {
    const message = build();
    assertWithinSlackLimits(message);
    expect(message.text.length).toBeGreaterThan(0);
  });

  it.each(messages.filter(([n]) => !n.startsWith('usage') && !n.startsWith('error')))(
    '%s says "data as of"',
    (_name, build) => {
      expect(allText(build())).toContain('data as of');
      expect(build().text).toContain('data as of');
    },
  );

  it('the limits schema itself rejects what Slack rejects', () => {
    const ok = buildColeadCard(coleadInput());
    expect(() => assertWithinSlackLimits({ ...ok, blocks: [...ok.blocks, ...ok.blocks] })).toThrow(
      /action ids repeat/,
    );
    const tooMany = { text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) };
    expect(() => assertWithinSlackLimits(tooMany)).toThrow(/blocks/);
    const longHeader = {
      text: 'x',
      blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
    };
    expect(() => assertWithinSlackLimits(longHeader)).toThrow();
    const longSection = {
      text: 'x',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } }],
    };
    expect(() => assertWithinSlackLimits(longSection)).toThrow();
  });

  it('escapes CRM text so it cannot mention a channel or inject links', () => {
    const text = allText(buildWinRateAnswer(winRateReport({ long: true })));
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('the win-rate answer shows n, intervals, change, trend and low-sample segments', () => {
    const message = buildWinRateAnswer(winRateReport());
    const text = allText(message);
    expect(text).toContain('41.2%'); // 173 / 420
    expect(text).toContain('n = 420');
    expect(text).toContain('95% CI');
    expect(text).toContain('change −2.4pp'); // 41.2% vs 43.6%
    expect(text).toContain('declining for 4 consecutive weeks');
    expect(text).toContain('associated with');
    expect(text).toContain('low n');
    expect(text).toContain('low sample (n < 30)');
    expect(sparkline([0.1, 0.2, null, 0.3])).toBe('▁▅ █');
  });

  it('the win-rate alert names threshold, severity, contributor and actions', () => {
    const text = allText(
      buildWinRateAlert({
        report: winRateReport(),
        threshold: 0.43,
        severity: 'HIGH',
        actions: ['Audit inbound lead qualification'],
      }),
    );
    expect(text).toContain('43.0%');
    expect(text).toContain('HIGH');
    expect(text).toContain('associated with');
    expect(text).toContain('Audit inbound lead qualification');
    expect(text).not.toMatch(/caused by/i);
  });

  it('the momentum alert gives SMI, both comparisons with n and both tests', () => {
    const text = allText(
      buildMomentumAlert({ report: momentumReport(), severity: 'MEDIUM', actions: [] }),
    );
    expect(text).toContain('−0.022');
    expect(text).toContain('most negative of the significant declines');
    expect(text).toContain('47.8% (n = 900');
    expect(text).toContain('over the four quarters before (2023-Q2–2024-Q1)');
    expect(text).toContain('decline vs the four quarters before p = 0.002, significant at FDR 10%');
    expect(text).toContain('48.8% (n = 205');
    expect(text).toContain('40.5% (n = 200');
    expect(text).toContain('significant at FDR 10% (p = 0.004)');
    expect(text).toContain('26.0% of closed deals');
  });

  it('the co-lead card carries the three buttons and an alternate select with the assignment id', () => {
    const message = buildColeadCard(coleadInput({ alternates: 150 }));
    const actions = message.blocks.find((b) => b.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements.map((e) => e.action_id)).toEqual([
      ACTION_IDS.coleadApprove,
      ACTION_IDS.coleadReassign,
      ACTION_IDS.coleadDecline,
      ACTION_IDS.coleadAlternate,
    ]);
    const text = allText(message);
    expect(text).toContain('"value":"A-17"');
    expect(text).toContain('A-17|rep_24');
    expect(text).toContain('+37.0pp');
    expect(text).toContain('47 days (past the 30-day sweet spot)');
    expect(text).toContain('won 5 of 18');
  });

  it('the co-lead card says credible or within chance, with the level, and the evidence', () => {
    const credible = allText(buildColeadCard(coleadInput()));
    expect(credible).toContain('+37.0pp (97.5% CI +12.0pp to +60.0pp, the best of 4 candidates');
    expect(credible).toContain('credible');
    expect(credible).toContain(
      'Fit is associated with winning on your data: AUC 0.61 (95% CI 0.58–0.63, 1000 validation deals)',
    );
    const input = coleadInput();
    input.lift = {
      value: 0.05,
      ci: [-0.1, 0.2],
      credible: false,
      withinChance: true,
      candidates: 4,
      level: 0.975,
    };
    input.evidence = {
      association: 'chance',
      auc: { value: 0.5, ci: [0.47, 0.53] },
      modelAsOf: '2024-06-30',
      n: 900,
    };
    const weak = allText(buildColeadCard(input));
    expect(weak).toContain('within chance');
    expect(weak).not.toContain('credible');
    expect(weak).toContain('not distinguishable from chance on your data (AUC 0.50');
    expect(weak).toContain('treat RED as weak evidence');
    const none = buildColeadCard(coleadInput({ none: true }));
    expect(allText(none)).toContain('advisory cap');
    expect(allText(none)).not.toContain(ACTION_IDS.coleadApprove);
  });

  it('the RSFS card shows raw and pooled fit, n, source, flag and percentile', () => {
    const text = allText(buildRsfsCard(rsfsReport()));
    expect(text).toContain('0.281');
    expect(text).toContain('90% CI 0.190–0.380');
    expect(text).toContain('won 5 of 18');
    expect(text).toContain('RED');
    expect(text).toContain('percentile 12 of 214');
    expect(text).toContain('k = 24');
    expect(text).toContain('rep_23');
  });

  it('the audit lists tiers, routing advice, pairings and recoverable revenue', () => {
    const text = allText(
      buildRepAudit(auditReport(), {
        pairings: [{ repId: 'rep_4', coleadRepId: 'rep_1', industry: 'segment_01', deals: 4 }],
      }),
    );
    expect(text).toContain('Monthly rep audit — January 2024');
    expect(text).toContain('8 reps evaluated across 5 industries');
    expect(text).toContain('STOP assigning');
    expect(text).toContain('paired with rep_1 on 4 segment_01 deals');
    expect(text).toContain('$2.9M');
    expect(text).toContain('n = 12');
  });

  it('the digest shows the CRM hygiene count and the deals a sum of amounts left out', () => {
    const input = digestInput();
    input.pipeline = { ...input.pipeline, openWithoutAmount: 9 };
    input.velocity = { ...input.velocity!, openWithoutAmount: 9 };
    input.hygiene = {
      deals: 5000,
      withBlanks: 40,
      blanks: {
        industry: 30,
        region: 2,
        product_type: 0,
        lead_source: 0,
        deal_stage: 0,
        deal_amount: 9,
      },
    };
    const text = allText(buildWeeklyDigest(input));
    expect(text).toContain('$24.3M (9 without an amount, left out) across 312 open deals');
    expect(text).toContain('$78K mean amount (9 without an amount, left out) ×');
    expect(text).toContain(
      'CRM hygiene: 40 deals of 5000 have a blank field (industry 30, region 2, deal_amount 9)',
    );
    expect(allText(buildWeeklyDigest(digestInput()))).not.toContain('CRM hygiene');
  });

  it('the digest gives week-over-week change, pipeline, top 3 and drivers', () => {
    const text = allText(buildWeeklyDigest(digestInput()));
    expect(text).toContain('$24.3M across 312 open deals');
    expect(text).toContain('velocity $41K/day ($40K/day on 2024-06-23)');
    expect(text).toContain(
      'RED-flagged deals closed since 2023-06-30: with a co-lead, won 45.0% (n = 20, 95% CI 26.0%–66.0%); without, won 30.0% (n = 40, 95% CI 18.0%–45.0%). Not a controlled comparison',
    );
    expect(text).toContain(
      'Velocity = 312 open deals × $78K mean amount × 45.1% won of 700 closed in 90 days ÷ 34-day mean cycle of 316 wins',
    );
    expect(text).toContain('12 open deals flagged RED');
    expect(text).toContain(
      'Fit is associated with winning on your data: AUC 0.59 (95% CI 0.55–0.63, 800 validation deals)',
    );
    expect(text).toContain('Weakest momentum');
    // both comparisons, and the momentum test in the direction of each line
    expect(text).toContain('47.8% over the four quarters before (n = 900)');
    expect(text).toContain('decline vs the four quarters before p = 0.002, significant at FDR 10%');
    expect(text).toMatch(/Bright spot — [^\n]*rise vs the four quarters before p = /);
    expect(text).toContain('RSFS alone 0.59 (95% CI 0.55–0.63)');
    expect(text).toContain('undefined (one class only)');
    expect(text).toContain(
      'Significant shift since the model of 2024-06-23 (95% intervals no longer overlap)',
    );
    expect(text).toContain('leadSource=Inbound: odds ratio 1.50 (1.20–1.80) → 0.70 (0.55–0.85)');
  });

  it('the digest says when the drivers did not shift, and when there is nothing to compare', () => {
    const steady = allText(
      buildWeeklyDigest({ ...digestInput(), driverShift: { since: '2024-06-23', shifts: [] } }),
    );
    expect(steady).toContain(
      'No significant shift in win-rate drivers since the model of 2024-06-23',
    );
    const first = allText(buildWeeklyDigest({ ...digestInput(), driverShift: null }));
    expect(first).toContain('First driver model: no week-over-week comparison yet.');
  });

  it('usage replies echo the problem, cut short and escaped', () => {
    const message = buildUsage('/winrate', 'unknown segment "<@U123>"');
    expect(allText(message)).toContain('&lt;@U123&gt;');
    expect(allText(message)).toContain(
      '/winrate [industry|region|product|lead|rep] [90d|all] [public]',
    );
  });

  it('the App Home shows flags, RED deals past 30 days, win rate and data as of', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      dealId: `D${i}`,
      repId: `rep_${'z'.repeat(200)}`,
      industry: 'FinTech',
      ageDays: 31 + i,
      amount: 1000,
      rsfs: 0.2,
    }));
    const view = buildAppHome({
      asOf: '2024-06-30',
      flags: { RED: 60, YELLOW: 40, GREEN: 100 },
      redPast30: many,
      winRate: winRateReport(),
    });
    expect(() => assertWithinSlackLimits(view, homeViewSchema)).not.toThrow();
    const text = JSON.stringify(view);
    expect(text).toContain('RED 60');
    expect(text).toContain('…and 40 more');
    expect(text).toContain('data as of');
    // CRM hygiene: one line with the count (metrics.md "Missing values")
    const withBlanks = buildAppHome({
      asOf: '2024-06-30',
      flags: { RED: 1, YELLOW: 0, GREEN: 0 },
      redPast30: [{ ...many[0]!, industry: '(not set)', amount: null }],
      winRate: winRateReport(),
      hygiene: {
        deals: 200,
        withBlanks: 12,
        blanks: {
          industry: 7,
          region: 0,
          product_type: 0,
          lead_source: 0,
          deal_stage: 0,
          deal_amount: 5,
        },
      },
    });
    const home = JSON.stringify(withBlanks);
    expect(home).toContain(
      'CRM hygiene: 12 deals of 200 have a blank field (industry 7, deal_amount 5) · `dealfit hygiene`',
    );
    expect(home).toContain('(not set) · 31 days · amount not set');
    const empty = buildAppHome({
      asOf: null,
      flags: { RED: 0, YELLOW: 0, GREEN: 0 },
      redPast30: [],
      winRate: null,
    });
    expect(() => assertWithinSlackLimits(empty, homeViewSchema)).not.toThrow();
  });
});

describe('win-rate answer without a segment word', () => {
  it('shows no mixed table when the report holds every dimension', () => {
    const report = winRateReport({ segments: 3 });
    report.segments = [
      ...report.segments,
      ...winRateReport({ segments: 3, dimension: 'region' }).segments,
    ];
    const message = buildWinRateAnswer(report);
    assertWithinSlackLimits(message);
    const text = JSON.stringify(message.blocks);
    expect(text).not.toContain('segment_01');
    expect(text).toContain('for a segment table');
    expect((message.blocks[0] as { text: { text: string } }).text.text).toBe(
      'Win rate — rolling 90 days',
    );
  });
});
