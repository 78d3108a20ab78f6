/**
 * Part of the composition root: builds the proactive side (alert sweep, co-lead flow,
 * digest, audit, jobs, webhook) from the config, the store and a Messenger. create-app.ts
 * uses it for the running app; the CLI uses it for `dealfit jobs` and `dealfit colead`.
 */
import { buildAlertEmail } from '../adapters/email/alert-email.js';
import { buildDigestEmail } from '../adapters/email/digest-email.js';
import { createSmtpMailer } from '../adapters/email/smtp-mailer.js';
import { Scheduler } from '../adapters/scheduler.js';
import { buildAlertMessage } from '../adapters/slack/blocks/alert-message.js';
import { buildColeadBatchSummary } from '../adapters/slack/blocks/colead-batch.js';
import { buildColeadDm, buildColeadStateCard } from '../adapters/slack/blocks/colead-state-card.js';
import { buildRepAudit } from '../adapters/slack/blocks/rep-audit.js';
import { buildWeeklyDigest } from '../adapters/slack/blocks/weekly-digest.js';
import type { ProactiveActions } from '../adapters/slack/deps.js';
import type { DealHookDeps } from '../adapters/webhook/http-handler.js';
import { recordAlertFeedback, snoozeAlert } from '../app/alerts/alert-lifecycle.js';
import { approveColead, declineColead, reassignColead } from '../app/colead/decide.js';
import { proposeColead } from '../app/colead/propose.js';
import type { ProactiveEmail } from '../app/email/email-jobs.js';
import { createDealWebhook } from '../app/ingest/deal-webhook.js';
import { ingestBatches } from '../app/ingest/ingest.js';
import { describeSync, SALESFORCE, syncSalesforce } from '../app/ingest/salesforce-sync.js';
import { computeInThisThread, type JobCompute } from '../app/jobs/job-compute.js';
import { createJobs } from '../app/jobs/jobs.js';
import { type CrmSync, Proactive } from '../app/jobs/proactive.js';
import type { UserTimezones } from '../app/jobs/user-timezones.js';
import type { ChartRenderer, Messenger, OutgoingMessage } from '../app/ports/messenger.js';
import type { Store } from '../app/ports/store.js';
import type { Telemetry } from '../app/ports/telemetry.js';
import type { Config } from '../config.js';

export interface ProactiveOptions {
  store: Store;
  messenger: Messenger;
  charts: ChartRenderer | null;
  now?: () => Date;
  log?: (line: string) => void;
  sink?: (channel: string | undefined, message: OutgoingMessage) => void;
  /** where the jobs' computation runs; default: this thread, on `store` */
  compute?: JobCompute;
  /** reads a Slack user group's members (the managers' group) */
  groupMembers?: (groupId: string) => Promise<string[]>;
  /** waits between tries of an email after a temporary failure (tests: a few ms) */
  emailRetryDelaysMs?: readonly number[];
}

/** The digest and HIGH alerts by email, when DEALFIT_SMTP_URL is set. */
function proactiveEmail(config: Config, o: ProactiveOptions): ProactiveEmail | null {
  const e = config.email;
  if (!e) return null;
  return {
    mailer: createSmtpMailer({ url: e.smtpUrl.reveal(), from: e.from }),
    render: { digest: buildDigestEmail, alert: buildAlertEmail },
    digestTo: e.digestTo,
    alertTo: e.alertTo,
    ...(o.emailRetryDelaysMs ? { retryDelaysMs: o.emailRetryDelaysMs } : {}),
  };
}

function salesforceSync(
  config: Config,
  store: Store,
  now: () => Date,
  log?: (l: string) => void,
): CrmSync | null {
  const sf = config.salesforce;
  if (!sf) return null;
  return {
    source: SALESFORCE,
    async run(o) {
      // jsforce is heavy: load it when a sync runs, not at every start-up
      const { createSalesforceSource } = await import(
        '../adapters/crm/salesforce/salesforce-source.js'
      );
      const result = await syncSalesforce(
        store,
        {
          source: createSalesforceSource(sf),
          ingest: ingestBatches,
          now,
          ...(log ? { log, logError: log } : {}),
        },
        { dryRun: o.dryRun },
      );
      return { detail: describeSync(result), failed: result.summary.status === 'failed' };
    },
  };
}

export function createProactive(config: Config, o: ProactiveOptions): Proactive {
  const now = o.now ?? (() => new Date());
  const p = config.proactive;
  const store = o.store;
  return new Proactive({
    store,
    messenger: o.messenger,
    charts: o.charts,
    render: {
      alert: buildAlertMessage,
      colead: {
        card: buildColeadStateCard,
        dm: buildColeadDm,
        batchSummary: buildColeadBatchSummary,
      },
      digest: buildWeeklyDigest,
      audit: (report, pairings) => buildRepAudit(report, { pairings, variant: 'post' }),
    },
    settings: {
      timezone: config.timezone,
      channelTimezones: config.channelTimezones,
      channels: config.channels,
      digestUsers: config.digestUsers,
      winRateThreshold: p.winRateThreshold,
      alertBudget: p.alertBudget,
      managerIds: p.managerIds,
      managerGroup: p.managerGroup,
      repUsers: p.repUsers,
      coleadCapRatio: p.coleadCapRatio,
      coleadExpiryDays: p.coleadExpiryDays,
      coleadWhenWeak: p.coleadWhenWeak,
    },
    compute: o.compute ?? computeInThisThread(store),
    ...(o.groupMembers ? { groupMembers: o.groupMembers } : {}),
    crm: salesforceSync(config, store, now, o.log),
    email: proactiveEmail(config, o),
    now,
    ...(o.log ? { log: o.log } : {}),
    ...(o.sink ? { sink: o.sink } : {}),
  });
}

/**
 * The scheduler over the proactive jobs. With `instanceId` every run takes its slot's lease
 * in the store first, so several instances on one database run each slot once.
 */
export function createScheduler(
  config: Config,
  proactive: Proactive,
  log?: (l: string) => void,
  instanceId?: string,
  telemetry?: Telemetry,
  /** the digest people's Slack zones (users.info); without them they follow DEALFIT_TIMEZONE */
  userTimezones?: UserTimezones,
): Scheduler {
  const now = proactive.deps.now;
  return new Scheduler({
    ...(instanceId
      ? {
          leases: {
            store: proactive.deps.store.leases,
            instanceId,
            ttlMs: config.instances.leaseMs,
            sweepMs: config.instances.heartbeatMs,
          },
        }
      : {}),
    jobs: createJobs(proactive, userTimezones),
    timezone: config.timezone,
    log: proactive.deps.store.jobRuns,
    now,
    onFailure: (job, error) => {
      proactive
        .jobFailed(job, error)
        .catch((e: Error) => log?.(`ops alert for ${job} failed: ${e.message}`));
    },
    ...(log ? { logger: log } : {}),
    ...(telemetry ? { telemetry } : {}),
  });
}

/** The click handlers the Slack listeners call. */
export function proactiveActions(proactive: Proactive): ProactiveActions {
  const deps = () => proactive.coleadDeps();
  return {
    approveColead: (click) => approveColead(deps(), click),
    reassignColead: (click) => reassignColead(deps(), click),
    declineColead: (click) => declineColead(deps(), click),
    alertFeedback: (click) => recordAlertFeedback(proactive.alertDeps(), click),
    alertSnooze: (click) => snoozeAlert(proactive.alertDeps(), click),
  };
}

/** What the HTTP handler of POST /hooks/deals needs, or null when no webhook secret is set. */
export function dealWebhook(config: Config, proactive: Proactive): DealHookDeps | null {
  const secret = config.proactive.webhookSecret;
  if (!secret) return null;
  const receive = createDealWebhook({
    store: proactive.deps.store,
    now: proactive.deps.now,
    ingest: ingestBatches,
    scoring: proactive.deps.compute,
    propose: (dealId, fit) => proposeColead(proactive.coleadDeps(), dealId, { fit }),
  });
  return { secret: secret.reveal(), now: proactive.deps.now, receive };
}
