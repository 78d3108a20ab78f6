/**
 * The one drizzle schema. camelCase in TypeScript, snake_case in SQL (drizzle `casing`).
 * Migrations are generated from this file with `npm run db:generate` and committed.
 */
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/**
 * The columns of one version of a deal, the same in `deals` (its current version) and
 * `deal_history` (every version), in DEAL_FIELDS order. A function, so each table gets
 * its own column builders.
 */
function dealVersionColumns() {
  return {
    createdDate: text().notNull(),
    closedDate: text(),
    /** re-assignment date when known; null = assigned at creation */
    assignedDate: text(),
    repId: text().notNull(),
    // null = blank in the CRM (metrics.md "Missing values"): shown as "(not set)"
    industry: text(),
    region: text(),
    product: text(),
    leadSource: text(),
    stage: text(),
    /** null = blank: counted in rates, left out of every sum and mean of amounts */
    amount: real(),
    cycleDays: integer(),
    /** 'won' | 'lost' | null (open) */
    outcome: text({ enum: ['won', 'lost'] }),
  };
}

/** The current state of every deal. */
export const deals = sqliteTable(
  'deals',
  {
    id: text().primaryKey(),
    ...dealVersionColumns(),
    /** where the current version came from, e.g. `csv:deals.csv` or `salesforce` */
    source: text().notNull(),
    /** set when the CRM deleted the deal; the row and its history stay */
    deletedAt: text(),
    /** the sync run that last changed this row */
    syncRunId: integer(),
    updatedAt: text().notNull(),
  },
  // Only the indexes a query reads: every index costs each write, and a first import of a
  // million deals rebuilds each one (about a second apiece). Metrics load the deals into
  // memory and never search them by date or rep (README "Decisions").
  (t) => [
    // open deals per rep: the co-lead workload cap is counted on every proposal
    index('deals_open_rep_idx')
      .on(t.repId)
      .where(sql`${t.outcome} is null and ${t.deletedAt} is null`),
  ],
);

/** Append-only: one row per version of a deal that an import or sync wrote. */
export const dealHistory = sqliteTable(
  'deal_history',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    dealId: text().notNull(),
    syncRunId: integer().notNull(),
    /** 'insert' | 'update' | 'delete' */
    change: text({ enum: ['insert', 'update', 'delete'] }).notNull(),
    recordedAt: text().notNull(),
    ...dealVersionColumns(),
  },
  (t) => [index('deal_history_deal_idx').on(t.dealId)],
);

/** One row per import or sync. */
export const syncRuns = sqliteTable('sync_runs', {
  id: integer().primaryKey({ autoIncrement: true }),
  /** 'csv' | 'salesforce' | 'webhook' */
  source: text().notNull(),
  /** file path or org, for the status line */
  target: text(),
  startedAt: text().notNull(),
  finishedAt: text(),
  /** 'running' | 'succeeded' | 'failed' */
  status: text({ enum: ['running', 'succeeded', 'failed'] }).notNull(),
  rows: integer().notNull().default(0),
  inserted: integer().notNull().default(0),
  updated: integer().notNull().default(0),
  unchanged: integer().notNull().default(0),
  deleted: integer().notNull().default(0),
  quarantined: integer().notNull().default(0),
  /**
   * CRM hygiene: per blankable field, how many of the deals this run wrote have it blank,
   * as JSON (`{"industry":3,…}`); null for a run recorded before it was counted
   */
  blanks: text(),
  /** incremental position, e.g. the last SystemModstamp committed */
  watermark: text(),
  error: text(),
  /** the data's as-of date after this run (metrics.md "Data as of") */
  dataAsOf: text(),
});

/** Rejected input rows, kept with the reason a person can act on. */
export const quarantine = sqliteTable(
  'quarantine',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    syncRunId: integer().notNull(),
    source: text().notNull(),
    /** 1-based physical line in the file where the record starts (CSV) */
    line: integer(),
    /** the record's id when known (deal id, Salesforce id) */
    recordId: text(),
    raw: text().notNull(),
    /** JSON array of human-readable reasons */
    reasons: text().notNull(),
    createdAt: text().notNull(),
  },
  (t) => [index('quarantine_run_idx').on(t.syncRunId)],
);

/** Figures computed by the daily metrics run, keyed by as-of date. */
export const metricHistory = sqliteTable(
  'metric_history',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    asOf: text().notNull(),
    /** e.g. 'winrate_90d', 'winrate_all', 'smi', 'velocity', 'avg_rsfs' */
    metric: text().notNull(),
    /** '' for overall */
    dimension: text().notNull().default(''),
    segment: text().notNull().default(''),
    value: real(),
    won: integer(),
    n: integer(),
    ciLo: real(),
    ciHi: real(),
    /** anything else the figure carries (p-values, trend), as JSON */
    detail: text(),
    computedAt: text().notNull(),
  },
  (t) => [uniqueIndex('metric_history_key').on(t.asOf, t.metric, t.dimension, t.segment)],
);

/** RSFS and flag of each open deal, per metrics run. */
export const dealScores = sqliteTable(
  'deal_scores',
  {
    dealId: text().notNull(),
    asOf: text().notNull(),
    rsfs: real().notNull(),
    ciLo: real().notNull(),
    ciHi: real().notNull(),
    rawWon: integer().notNull(),
    rawN: integer().notNull(),
    /** 'rep-industry' | 'rep' | 'global' */
    source: text().notNull(),
    /** 'RED' | 'YELLOW' | 'GREEN' */
    flag: text().notNull(),
    percentile: real().notNull(),
    computedAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.asOf] }), index('deal_scores_as_of_idx').on(t.asOf)],
);

/** Driver model runs. */
export const modelVersions = sqliteTable('model_versions', {
  id: integer().primaryKey({ autoIncrement: true }),
  version: text().notNull().unique(),
  asOf: text().notNull(),
  trainFrom: text(),
  trainTo: text(),
  validFrom: text(),
  validTo: text(),
  nTrain: integer().notNull(),
  nValid: integer().notNull(),
  aucRsfs: real(),
  aucDeal: real(),
  aucCombined: real(),
  /** the full result (intervals, odds ratios) as JSON */
  result: text().notNull(),
  createdAt: text().notNull(),
});

/** Monthly rep audits. */
export const repAudits = sqliteTable('rep_audits', {
  month: text().primaryKey(),
  asOf: text().notNull(),
  result: text().notNull(),
  createdAt: text().notNull(),
});

/** Co-lead proposals and their state machine. */
export const coleadAssignments = sqliteTable(
  'colead_assignments',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    dealId: text().notNull(),
    ownerRepId: text().notNull(),
    coleadRepId: text(),
    /** JSON array of rep ids */
    alternates: text().notNull().default('[]'),
    /** 'proposed' | 'reassigned' | 'approved' | 'declined' | 'expired' */
    state: text({ enum: ['proposed', 'reassigned', 'approved', 'declined', 'expired'] }).notNull(),
    industry: text().notNull(),
    lift: real(),
    liftLo: real(),
    liftHi: real(),
    reason: text(),
    proposedAt: text().notNull(),
    expiresAt: text().notNull(),
    actedBy: text(),
    actedAt: text(),
    channel: text(),
    messageTs: text(),
    /** what the card was built from (JSON), so a click or the expiry job can re-render it */
    card: text(),
    /** why it ended the way it did, shown on the card (e.g. expired after 7 days) */
    note: text(),
    /** the batch whose summary message lists it (its card is a reply in that thread) */
    batchId: integer(),
  },
  (t) => [index('colead_deal_idx').on(t.dealId), index('colead_state_idx').on(t.state)],
);

/**
 * One summary message per co-lead batch in the managers' channel ("12 open RED deals need
 * a co-lead decision"); the cards are replies in its thread and its counts are edited as
 * managers decide.
 */
export const coleadBatches = sqliteTable('colead_batches', {
  id: integer().primaryKey({ autoIncrement: true }),
  channel: text().notNull(),
  messageTs: text().notNull(),
  postedAt: text().notNull(),
});

/** Summaries of co-lead batches withheld on weak evidence (one living message per model). */
export const coleadWithheld = sqliteTable('colead_withheld', {
  id: integer().primaryKey({ autoIncrement: true }),
  channel: text().notNull(),
  messageTs: text().notNull(),
  dealKey: text().notNull(),
  modelAsOf: text(),
  postedAt: text().notNull(),
});

/** Every alert, sent or folded into a digest, with why. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    key: text().notNull(),
    type: text().notNull(),
    severity: text({ enum: ['HIGH', 'MEDIUM', 'LOW'] }).notNull(),
    destination: text().notNull(),
    /** 'sent' | 'folded' | 'over_budget' | 'deduped' | 'post_failed' | 'snoozed' */
    status: text().notNull(),
    reason: text().notNull(),
    isoWeek: text().notNull(),
    asOf: text().notNull(),
    payload: text().notNull(),
    messageTs: text(),
    /** the channel of its message, so a later sweep or a click can edit it in place */
    channel: text(),
    /** what its message was last rendered from (JSON), so a click can re-render it */
    view: text(),
    foldedIntoDigest: text(),
    clearedAt: text(),
    createdAt: text().notNull(),
  },
  (t) => [index('alerts_key_idx').on(t.key)],
);

/** What happened to a posted alert after it went out: edited, resolved, snoozed (who, until). */
export const alertEvents = sqliteTable(
  'alert_events',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    alertId: integer().notNull(),
    key: text().notNull(),
    /** 'edited' | 'resolved' | 'snoozed' */
    kind: text().notNull(),
    userId: text(),
    /** a snooze's end (ISO instant) */
    until: text(),
    detail: text(),
    at: text().notNull(),
  },
  (t) => [index('alert_events_key_idx').on(t.key, t.kind)],
);

export const alertFeedback = sqliteTable('alert_feedback', {
  id: integer().primaryKey({ autoIncrement: true }),
  alertId: integer().notNull(),
  userId: text().notNull(),
  useful: integer({ mode: 'boolean' }).notNull(),
  createdAt: text().notNull(),
});

/** Scheduler run log; (job, period) with status 'succeeded' makes a post idempotent. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    job: text().notNull(),
    /** the schedule slot this run serves, e.g. '2024-W03' or '2024-01' */
    period: text().notNull(),
    startedAt: text().notNull(),
    finishedAt: text(),
    status: text({ enum: ['running', 'succeeded', 'failed', 'skipped'] }).notNull(),
    error: text(),
    detail: text(),
  },
  (t) => [index('job_runs_job_period_idx').on(t.job, t.period)],
);

/**
 * The last reading of each conversation with dealfit (metrics.md "Questions in plain
 * words"): a reply in the thread refines it. Keyed by workspace, channel and thread ('' for
 * the top level of a DM); a reading older than its expiry is ignored and pruned.
 */
export const conversationThreads = sqliteTable(
  'conversation_threads',
  {
    teamId: text().notNull(),
    channel: text().notNull(),
    threadTs: text().notNull(),
    /** the Understood of the last question, JSON */
    reading: text().notNull(),
    question: text().notNull(),
    updatedAt: text().notNull(),
    expiresAt: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.channel, t.threadTs] }),
    index('conversation_threads_expires_idx').on(t.expiresAt),
  ],
);

/** Slack events already taken, by event id: a retried delivery is answered once. */
export const slackEventsSeen = sqliteTable('slack_events_seen', {
  eventId: text().primaryKey(),
  seenAt: text().notNull(),
});
