/**
 * The PostgreSQL schema: table for table and column for column the SQLite one
 * (adapters/storage/schema.ts), so both stores hold and return the same strings and
 * numbers. Dates stay ISO text and JSON stays text; SQLite's integers are integer, its
 * reals double precision. Migrations: `npx drizzle-kit generate --config drizzle-pg.config.ts`.
 *
 * Every text column sorts and compares byte by byte (COLLATE "C"), as SQLite's do: a
 * server whose default collation is a locale's would order ids and compare them otherwise
 * (`D-10` against `d9`), and the two stores must answer alike.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** text compared as bytes, as in SQLite */
const text = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

/** SQLite's `integer primary key autoincrement` */
const serialId = () => integer().primaryKey().generatedByDefaultAsIdentity();

/** The columns of one version of a deal, as in the SQLite schema (DEAL_FIELDS order). */
function dealVersionColumns() {
  return {
    createdDate: text().notNull(),
    closedDate: text(),
    assignedDate: text(),
    repId: text().notNull(),
    industry: text(),
    region: text(),
    product: text(),
    leadSource: text(),
    stage: text(),
    amount: doublePrecision(),
    cycleDays: integer(),
    outcome: text().$type<'won' | 'lost'>(),
  };
}

export const deals = pgTable(
  'deals',
  {
    id: text().primaryKey(),
    /**
     * SQLite's implicit rowid, made explicit: the insertion order. The metrics run reads
     * the deals in this order, as SQLite's table scan does, so both add their amounts up in
     * the same order and agree to the last digit; a bulk import numbers its repeats by it.
     * Not indexed: the one ordered read sorts in memory (cheaper than an index kept up on
     * every import, measured).
     */
    rowid: integer().notNull().generatedByDefaultAsIdentity(),
    ...dealVersionColumns(),
    source: text().notNull(),
    deletedAt: text(),
    syncRunId: integer(),
    updatedAt: text().notNull(),
  },
  (t) => [
    index('deals_open_rep_idx')
      .on(t.repId)
      .where(sql`${t.outcome} is null and ${t.deletedAt} is null`),
  ],
);

export const dealHistory = pgTable(
  'deal_history',
  {
    id: serialId(),
    dealId: text().notNull(),
    syncRunId: integer().notNull(),
    change: text().$type<'insert' | 'update' | 'delete'>().notNull(),
    recordedAt: text().notNull(),
    ...dealVersionColumns(),
  },
  (t) => [index('deal_history_deal_idx').on(t.dealId)],
);

export const syncRuns = pgTable('sync_runs', {
  id: serialId(),
  source: text().notNull(),
  target: text(),
  startedAt: text().notNull(),
  finishedAt: text(),
  status: text().$type<'running' | 'succeeded' | 'failed'>().notNull(),
  rows: integer().notNull().default(0),
  inserted: integer().notNull().default(0),
  updated: integer().notNull().default(0),
  unchanged: integer().notNull().default(0),
  deleted: integer().notNull().default(0),
  quarantined: integer().notNull().default(0),
  blanks: text(),
  watermark: text(),
  error: text(),
  dataAsOf: text(),
});

export const quarantine = pgTable(
  'quarantine',
  {
    id: serialId(),
    syncRunId: integer().notNull(),
    source: text().notNull(),
    line: integer(),
    recordId: text(),
    raw: text().notNull(),
    reasons: text().notNull(),
    createdAt: text().notNull(),
  },
  (t) => [index('quarantine_run_idx').on(t.syncRunId)],
);

export const metricHistory = pgTable(
  'metric_history',
  {
    id: serialId(),
    asOf: text().notNull(),
    metric: text().notNull(),
    dimension: text().notNull().default(''),
    segment: text().notNull().default(''),
    value: doublePrecision(),
    won: integer(),
    n: integer(),
    ciLo: doublePrecision(),
    ciHi: doublePrecision(),
    detail: text(),
    computedAt: text().notNull(),
  },
  (t) => [uniqueIndex('metric_history_key').on(t.asOf, t.metric, t.dimension, t.segment)],
);

export const dealScores = pgTable(
  'deal_scores',
  {
    dealId: text().notNull(),
    asOf: text().notNull(),
    rsfs: doublePrecision().notNull(),
    ciLo: doublePrecision().notNull(),
    ciHi: doublePrecision().notNull(),
    rawWon: integer().notNull(),
    rawN: integer().notNull(),
    source: text().notNull(),
    flag: text().notNull(),
    percentile: doublePrecision().notNull(),
    computedAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.asOf] }), index('deal_scores_as_of_idx').on(t.asOf)],
);

export const modelVersions = pgTable('model_versions', {
  id: serialId(),
  version: text().notNull().unique(),
  asOf: text().notNull(),
  trainFrom: text(),
  trainTo: text(),
  validFrom: text(),
  validTo: text(),
  nTrain: integer().notNull(),
  nValid: integer().notNull(),
  aucRsfs: doublePrecision(),
  aucDeal: doublePrecision(),
  aucCombined: doublePrecision(),
  result: text().notNull(),
  createdAt: text().notNull(),
});

export const repAudits = pgTable('rep_audits', {
  month: text().primaryKey(),
  asOf: text().notNull(),
  result: text().notNull(),
  createdAt: text().notNull(),
});

export const coleadAssignments = pgTable(
  'colead_assignments',
  {
    id: serialId(),
    dealId: text().notNull(),
    ownerRepId: text().notNull(),
    coleadRepId: text(),
    alternates: text().notNull().default('[]'),
    state: text()
      .$type<'proposed' | 'reassigned' | 'approved' | 'declined' | 'expired'>()
      .notNull(),
    industry: text().notNull(),
    lift: doublePrecision(),
    liftLo: doublePrecision(),
    liftHi: doublePrecision(),
    reason: text(),
    proposedAt: text().notNull(),
    expiresAt: text().notNull(),
    actedBy: text(),
    actedAt: text(),
    channel: text(),
    messageTs: text(),
    card: text(),
    note: text(),
    batchId: integer(),
  },
  (t) => [index('colead_deal_idx').on(t.dealId), index('colead_state_idx').on(t.state)],
);

export const coleadBatches = pgTable('colead_batches', {
  id: serialId(),
  channel: text().notNull(),
  messageTs: text().notNull(),
  postedAt: text().notNull(),
});

export const coleadWithheld = pgTable('colead_withheld', {
  id: serialId(),
  channel: text().notNull(),
  messageTs: text().notNull(),
  dealKey: text().notNull(),
  modelAsOf: text(),
  postedAt: text().notNull(),
});

export const alerts = pgTable(
  'alerts',
  {
    id: serialId(),
    key: text().notNull(),
    type: text().notNull(),
    severity: text().$type<'HIGH' | 'MEDIUM' | 'LOW'>().notNull(),
    destination: text().notNull(),
    status: text().notNull(),
    reason: text().notNull(),
    isoWeek: text().notNull(),
    asOf: text().notNull(),
    payload: text().notNull(),
    messageTs: text(),
    channel: text(),
    view: text(),
    foldedIntoDigest: text(),
    clearedAt: text(),
    createdAt: text().notNull(),
  },
  (t) => [index('alerts_key_idx').on(t.key)],
);

export const alertEvents = pgTable(
  'alert_events',
  {
    id: serialId(),
    alertId: integer().notNull(),
    key: text().notNull(),
    kind: text().notNull(),
    userId: text(),
    until: text(),
    detail: text(),
    at: text().notNull(),
  },
  (t) => [index('alert_events_key_idx').on(t.key, t.kind)],
);

export const alertFeedback = pgTable('alert_feedback', {
  id: serialId(),
  alertId: integer().notNull(),
  userId: text().notNull(),
  // SQLite stores it as 0/1 with drizzle's boolean mode: both read back a boolean
  useful: boolean().notNull(),
  createdAt: text().notNull(),
});

export const jobRuns = pgTable(
  'job_runs',
  {
    id: serialId(),
    job: text().notNull(),
    period: text().notNull(),
    startedAt: text().notNull(),
    finishedAt: text(),
    status: text().$type<'running' | 'succeeded' | 'failed' | 'skipped'>().notNull(),
    error: text(),
    detail: text(),
    instance: text(),
  },
  (t) => [index('job_runs_job_period_idx').on(t.job, t.period)],
);

export const jobLeases = pgTable(
  'job_leases',
  {
    job: text().notNull(),
    period: text().notNull(),
    holder: text().notNull(),
    acquiredAt: text().notNull(),
    expiresAt: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.job, t.period] }),
    index('job_leases_expires_idx').on(t.expiresAt),
  ],
);

export const instances = pgTable(
  'instances',
  {
    id: text().primaryKey(),
    host: text().notNull(),
    pid: integer().notNull(),
    version: text().notNull(),
    startedAt: text().notNull(),
    heartbeatAt: text().notNull(),
    stoppedAt: text(),
  },
  (t) => [index('instances_heartbeat_idx').on(t.heartbeatAt)],
);

export const conversationThreads = pgTable(
  'conversation_threads',
  {
    teamId: text().notNull(),
    channel: text().notNull(),
    threadTs: text().notNull(),
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

export const slackEventsSeen = pgTable('slack_events_seen', {
  eventId: text().primaryKey(),
  seenAt: text().notNull(),
});

export const sentEmails = pgTable(
  'sent_emails',
  {
    id: serialId(),
    kind: text().$type<'digest' | 'alert'>().notNull(),
    slot: text().notNull(),
    recipient: text().notNull(),
    status: text().$type<'sending' | 'sent' | 'failed'>().notNull(),
    attempts: integer().notNull().default(0),
    messageId: text(),
    error: text(),
    createdAt: text().notNull(),
    finishedAt: text(),
  },
  (t) => [uniqueIndex('sent_emails_kind_slot_recipient_idx').on(t.kind, t.slot, t.recipient)],
);
