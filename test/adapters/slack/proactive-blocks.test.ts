import { describe, expect, it } from 'vitest';
import { buildAlertMessage } from '../../../src/adapters/slack/blocks/alert-message.js';
import {
  buildColeadDm,
  buildColeadStateCard,
} from '../../../src/adapters/slack/blocks/colead-state-card.js';
import type { ColeadCardView } from '../../../src/app/colead/colead-types.js';
import {
  jobFailedAlert,
  negativeMomentumAlert,
  winRateThresholdAlert,
} from '../../../src/domain/alert-rules.js';
import { momentumReport, rsfsReport, winRateReport } from '../../helpers/report-fixtures.js';
import { assertWithinSlackLimits } from '../../helpers/slack-limits.js';

describe('alert messages', () => {
  it('adds Useful / Not useful and Snooze buttons carrying the alert id to every alert, and its state under the header, within Slack limits', () => {
    const report = winRateReport();
    const wr = winRateThresholdAlert(report, 0.43);
    const m = momentumReport();
    const mom = negativeMomentumAlert(m);
    const views = [
      { kind: 'winrate-threshold' as const, alertId: 7, candidate: wr!, report, threshold: 0.43 },
      ...(mom
        ? [{ kind: 'negative-momentum' as const, alertId: 8, candidate: mom, report: m }]
        : []),
      { kind: 'ops' as const, alertId: 9, candidate: jobFailedAlert('digest', 'boom'), asOf: null },
    ];
    for (const view of views) {
      const message = buildAlertMessage(view);
      assertWithinSlackLimits(message);
      const feedback = message.blocks.find((b) => b.block_id === 'alert_feedback');
      expect(JSON.stringify(feedback)).toContain(`"value":"${view.alertId}"`);
      // snooze buttons on every alert: 7 and 30 days, unique action ids within the block
      expect(JSON.stringify(feedback)).toContain(
        `"action_id":"alert_snooze_7","text":{"type":"plain_text","text":"Snooze 7 days"},"value":"${view.alertId}|7"`,
      );
      expect(JSON.stringify(feedback)).toContain(`"value":"${view.alertId}|30"`);
      const living = buildAlertMessage(view, {
        since: '2024-07-01',
        resolved: { on: '2024-07-09', now: 'rolling 90-day win rate 47.6%, n = 420' },
        snoozed: { userId: 'U0ALICE', until: '2024-07-31T09:00:00.000Z' },
      });
      assertWithinSlackLimits(living);
      expect(living.blocks[1]).toEqual({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: ':white_check_mark: *Resolved on 2024-07-09* (now rolling 90-day win rate 47.6%, n = 420) · first sent 2024-07-01',
          },
          { type: 'mrkdwn', text: 'Snoozed by <@U0ALICE> until 2024-07-31 09:00 UTC' },
        ],
      });
      expect(living.text).toMatch(/^Resolved: /);
    }
    expect(buildAlertMessage(views.at(-1)!).text).toBe('HIGH ops alert: Job digest failed');
  });
});

function view(o: Partial<ColeadCardView> = {}): ColeadCardView {
  return {
    assignmentId: 3,
    rsfs: rsfsReport(),
    colead: { repId: 'rep_23', rsfs: 0.61, n: 31 },
    lift: {
      value: 0.33,
      ci: [0.2, 0.46],
      credible: true,
      withinChance: false,
      candidates: 1,
      level: 0.9,
    },
    evidence: null,
    alternates: [
      { repId: 'rep_24', rsfs: 0.58, n: 30 },
      { repId: 'rep_25', rsfs: 0.55, n: 29 },
    ],
    state: 'proposed',
    actedBy: null,
    actedAt: null,
    expiresAt: '2024-07-08T09:00:00.000Z',
    note: null,
    unmapped: [],
    ...o,
  };
}

describe('co-lead card states', () => {
  it('keeps the buttons while open and removes them with who and when once decided', () => {
    const open = buildColeadStateCard(view());
    assertWithinSlackLimits(open);
    expect(open.blocks.some((b) => b.type === 'actions')).toBe(true);
    const approved = buildColeadStateCard(
      view({
        state: 'approved',
        actedBy: 'UMGR1',
        actedAt: '2024-07-01T10:02:00.000Z',
        unmapped: ['rep_23'],
      }),
    );
    assertWithinSlackLimits(approved);
    expect(approved.blocks.some((b) => b.type === 'actions')).toBe(false);
    const text = JSON.stringify(approved.blocks);
    expect(text).toContain('*Approved* by <@UMGR1> on 2024-07-01 10:02 UTC');
    expect(text).toContain('No Slack user for rep_23 in DEALFIT_REP_USERS');
    expect(approved.text).toMatch(/approved by UMGR1$/);
  });

  it('writes DMs that say what the co-lead does and why', () => {
    const base = {
      dealId: 'D04521',
      industry: 'HealthTech',
      ownerRepId: 'rep_19',
      coleadRepId: 'rep_23',
      ownerUser: 'U019',
      coleadUser: 'U023',
      ownerRsfs: 0.28,
      coleadRsfs: 0.61,
      lift: {
        value: 0.33,
        ci: [0.2, 0.46] as [number, number],
        credible: true,
        withinChance: false,
        candidates: 1,
        level: 0.9,
      },
      approvedBy: 'UMGR1',
      amount: 42_300,
    };
    const toColead = buildColeadDm({ ...base, role: 'colead' });
    expect(toColead.text).toMatch(/You are the co-lead \(strategic advisor\) on deal \*D04521\*/);
    expect(JSON.stringify(toColead.blocks)).toContain(
      'Why: RSFS in HealthTech is 0.610 for rep_23 vs 0.280 for rep_19',
    );
    const toOwner = buildColeadDm({ ...base, role: 'owner' });
    expect(JSON.stringify(toOwner.blocks)).toContain('you keep execution');
  });
});
