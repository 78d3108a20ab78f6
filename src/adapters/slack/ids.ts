/**
 * Every Slack identifier dealfit uses, in one place: slash commands, action ids, block ids
 * and callback ids. `manifest.json` must agree with the commands here (a test checks it),
 * and the co-lead click handlers (a later issue) will listen on the action ids below.
 */
export const COMMANDS = {
  winrate: '/winrate',
  rsfs: '/rsfs',
  audit: '/audit',
} as const;

export type CommandName = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Usage hints shown by Slack's command picker; the manifest carries the same text. */
export const COMMAND_HINTS: Record<CommandName, { description: string; usageHint: string }> = {
  '/winrate': {
    description: 'Rolling win rate with intervals, trend and a segment table',
    usageHint:
      '[industry|region|product|lead|rep] [90d|all] [public], or a question: FinTech since March',
  },
  '/rsfs': {
    description: "A deal's rep-segment fit score, flag and co-lead candidates",
    usageHint: '<deal_id> [public]',
  },
  '/audit': {
    description: 'The monthly rep audit: tiers, routing advice, recoverable revenue',
    usageHint: '[YYYY-MM] [public], or a month: march',
  },
};

export const ACTION_IDS = {
  coleadApprove: 'colead_approve',
  coleadReassign: 'colead_reassign',
  coleadDecline: 'colead_decline',
  coleadAlternate: 'colead_alternate_select',
  alertUseful: 'alert_useful',
  alertNotUseful: 'alert_not_useful',
  /** snooze an alert; one per button: alert_snooze_7, alert_snooze_30 (days), value `<id>|<days>` */
  alertSnooze: 'alert_snooze',
  /** a follow-up question under an answer; one per button: ask_followup_0, _1, _2 */
  askFollowUp: 'ask_followup',
} as const;

/** Matches every follow-up button's action id (Slack wants them unique within a block). */
export const ASK_FOLLOW_UP_PATTERN = /^ask_followup(?:_\d+)?$/;

/** Matches every snooze button's action id. */
export const ALERT_SNOOZE_PATTERN = /^alert_snooze(?:_\d+)?$/;

export const BLOCK_IDS = {
  coleadActions: 'colead_actions',
  alertFeedback: 'alert_feedback',
  askFollowUps: 'ask_followups',
} as const;

/** Views we publish; callback ids let later handlers tell them apart. */
export const CALLBACK_IDS = {
  home: 'dealfit_home',
} as const;

/**
 * The events dealfit subscribes to: the Home tab, mentions (answered in a thread under the
 * mention), DMs (message.im), and replies in channel threads it answered (message.channels
 * and message.groups; other channel messages are ignored).
 */
export const BOT_EVENTS = [
  'app_home_opened',
  'app_mention',
  'message.im',
  'message.channels',
  'message.groups',
] as const;

// The bot scopes live in manifest.json only (read by manifest.ts): one list, no copy.
