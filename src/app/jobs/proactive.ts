/**
 * What dealfit does on its own, as plain workflows the scheduler, the CLI and the webhook
 * call: the metrics run followed by the alert sweep and the co-lead batch, the CRM sync
 * with its ops alert, the digest, the monthly audit, co-lead expiry, and the ops alert for
 * a failed job. In a dry run nothing is posted or stored by the workflows; the payloads
 * that would have gone out are handed to `sink`.
 */

import { emailFailedAlert, jobFailedAlert } from '../../domain/alert-rules.js';
import { type RenderAlert, resolveAlert } from '../alerts/alert-lifecycle.js';
import { type AlertSweepDeps, runAlertSweep, type SweepInputs } from '../alerts/alert-sweep.js';
import { type DigestInput, postWeeklyDigest } from '../alerts/digest.js';
import type { ColeadDeps, ColeadRenderers } from '../colead/colead-types.js';
import { expireProposals } from '../colead/expire.js';
import { proposeForRedDeals } from '../colead/propose.js';
import { type Delivery, deliveryText } from '../email/deliver.js';
import {
  type EmailDeps,
  emailDigest,
  emailHighAlerts,
  type ProactiveEmail,
} from '../email/email-jobs.js';
import type { AuditPairing } from '../ports/colead-store.js';
import type { EmailKind } from '../ports/email-log.js';
import type { ChartRenderer, Messenger, OutgoingMessage } from '../ports/messenger.js';
import type { Store } from '../ports/store.js';
import { storedFitEvidence } from '../queries/fit-evidence-query.js';
import type { AuditResult } from '../queries/query-results.js';
import type { JobCompute } from './job-compute.js';

export interface ProactiveRenderers {
  alert: RenderAlert;
  colead: ColeadRenderers;
  digest: (input: DigestInput) => OutgoingMessage;
  audit: (report: AuditResult, pairings: AuditPairing[]) => OutgoingMessage;
}

export interface ProactiveSettings {
  /** IANA timezone of the schedule (digest week, audit month) */
  timezone: string;
  /** a channel's own zone for its digest and audit (DEALFIT_CHANNEL_TIMEZONES) */
  channelTimezones?: Readonly<Record<string, string>> | undefined;
  channels: {
    alerts?: string | undefined;
    managers?: string | undefined;
    ops?: string | undefined;
    /** the digest's channels beside `alerts` (DEALFIT_DIGEST_CHANNELS) */
    digest?: readonly string[] | undefined;
  };
  /** DEALFIT_DIGEST_USERS: people who get the digest by DM, in their Slack zone */
  digestUsers?: readonly string[] | undefined;
  winRateThreshold: number;
  alertBudget: number;
  managerIds: readonly string[];
  managerGroup?: string | undefined;
  repUsers: Readonly<Record<string, string>>;
  coleadCapRatio: number;
  coleadExpiryDays: number;
  /** DEALFIT_COLEAD_WHEN_WEAK: what the co-lead batch does on weak evidence */
  coleadWhenWeak: 'withhold' | 'propose';
}

/** A CRM sync (Salesforce today); `failed` = this run failed (the streak is in sync_runs). */
export interface CrmSync {
  source: string;
  run(o: { dryRun: boolean }): Promise<{ detail: string; failed: boolean }>;
}

/** Where one digest goes: a channel, or a person's DM. */
type DigestDestination = { channel?: string; user?: string };

export interface ProactiveDeps {
  store: Store;
  messenger: Messenger;
  charts: ChartRenderer | null;
  render: ProactiveRenderers;
  settings: ProactiveSettings;
  /** the jobs' heavy computation and deal scoring (off the main thread in the running app) */
  compute: JobCompute;
  crm: CrmSync | null;
  now: () => Date;
  log?: (line: string) => void;
  /** members of a Slack user group (only the running app, where clicks arrive, has it) */
  groupMembers?: (groupId: string) => Promise<string[]>;
  /** receives what a dry run would have posted */
  sink?: (channel: string | undefined, message: OutgoingMessage) => void;
  /** the digest and HIGH alerts by email (DEALFIT_SMTP_URL); absent: none */
  email?: ProactiveEmail | null;
}

export class Proactive {
  constructor(readonly deps: ProactiveDeps) {}

  get timezone(): string {
    return this.deps.settings.timezone;
  }

  alertDeps(): AlertSweepDeps {
    const { deps } = this;
    return {
      store: deps.store,
      messenger: deps.messenger,
      render: deps.render.alert,
      channels: {
        ...(deps.settings.channels.alerts ? { alerts: deps.settings.channels.alerts } : {}),
        ...(deps.settings.channels.ops ? { ops: deps.settings.channels.ops } : {}),
        ...(deps.settings.channels.managers ? { managers: deps.settings.channels.managers } : {}),
      },
      threshold: deps.settings.winRateThreshold,
      budget: deps.settings.alertBudget,
      now: deps.now,
    };
  }

  coleadDeps(): ColeadDeps {
    const { deps } = this;
    return {
      store: deps.store,
      messenger: deps.messenger,
      render: deps.render.colead,
      scoring: deps.compute,
      managersChannel: deps.settings.channels.managers,
      managerIds: deps.settings.managerIds,
      managerGroup: managerGroup(deps),
      repUsers: deps.settings.repUsers,
      capRatio: deps.settings.coleadCapRatio,
      expiryDays: deps.settings.coleadExpiryDays,
      evidence: () => storedFitEvidence(deps.store),
      whenWeak: deps.settings.coleadWhenWeak,
      now: deps.now,
    };
  }

  private async sweep(inputs: SweepInputs, dryRun: boolean): Promise<string> {
    const result = await runAlertSweep(this.alertDeps(), inputs, { dryRun });
    const email = dryRun ? null : this.emailDeps();
    if (email) await this.afterEmail('alert', await emailHighAlerts(email, result.alerts));
    if (dryRun) {
      for (const a of result.alerts) {
        if (a.message) this.deps.sink?.(this.deps.settings.channels[a.destination], a.message);
      }
    }
    const counts = new Map<string, number>();
    for (const a of result.alerts) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
    const parts = [...counts].map(([status, n]) => `${n} ${status}`);
    if (result.editedKeys.length > 0) parts.push(`${result.editedKeys.length} edited`);
    if (result.clearedKeys.length > 0) parts.push(`${result.clearedKeys.length} cleared`);
    return `alerts: ${parts.join(', ') || 'none'}`;
  }

  /** Daily 06:00: metrics, then the alert sweep, then the co-lead batch. */
  async metrics(o: { dryRun: boolean }): Promise<string> {
    // The run stores figures per as-of date and replaces them on a re-run: idempotent, so a
    // dry run computes them too (it posts nothing).
    const run = await this.deps.compute.metricsRun(this.deps.now().toISOString());
    const swept = await this.sweep(
      {
        asOf: run.summary.asOf,
        winRate: run.winRate90,
        momentum: run.momentum,
        volumeSpike: run.safeguards.volumeSpike,
        modelDrift: run.safeguards.modelDrift,
      },
      o.dryRun,
    );
    const batch = await proposeForRedDeals(this.coleadDeps(), { dryRun: o.dryRun });
    if (o.dryRun) {
      const managers = this.deps.settings.channels.managers;
      if (batch.withheldMessage) this.deps.sink?.(managers, batch.withheldMessage);
      for (const p of batch.results) {
        if (p.status === 'proposed') this.deps.sink?.(managers, p.message);
      }
    }
    const count = (status: string) => batch.results.filter((p) => p.status === status).length;
    const coleads = batch.withheld
      ? `${count('withheld')} withheld (fit is weak evidence on this data)`
      : `${count('proposed')} proposed`;
    const s = run.summary;
    return `metrics as of ${s.asOf}: ${s.deals} deals, ${s.flags.RED} RED of ${s.openDeals} open; ${swept}; co-leads: ${coleads}`;
  }

  /** Every 6 hours: the CRM sync, then the sync-failed ops alert (3 in a row) or its clearing. */
  async sync(o: { dryRun: boolean }): Promise<string> {
    const crm = this.deps.crm;
    if (!crm) return 'skipped: no CRM configured (set the SALESFORCE_* variables)';
    const result = await crm.run(o);
    const health = await this.deps.store.syncs.health(crm.source);
    const swept = await this.sweep(
      {
        asOf: health.lastGoodDataAsOf,
        syncHealth: [
          {
            source: crm.source,
            consecutiveFailures: health.consecutiveFailures,
            lastError: health.lastError ?? 'unknown error',
            lastGoodDataAsOf: health.lastGoodDataAsOf,
          },
        ],
      },
      o.dryRun,
    );
    return `${result.detail}; ${swept}`;
  }

  /** Sunday: refit the driver model on the full history and store it (model_versions). */
  async drivers(): Promise<string> {
    const d = await this.deps.compute.driversRun(this.deps.now().toISOString());
    const auc = (a: { value: number | null }) => (a.value === null ? 'n/a' : a.value.toFixed(3));
    return `drivers ${d.version}: AUC rsfs ${auc(d.auc.rsfs)}, deal ${auc(d.auc.deal)}, both ${auc(d.auc.combined)} on ${d.validation.n} validation deals`;
  }

  /**
   * The week's digest to `target.channels` (default: the alerts channel and
   * DEALFIT_DIGEST_CHANNELS), by DM to `target.users` (DEALFIT_DIGEST_USERS) and, when
   * `target.email`, to DEALFIT_DIGEST_EMAILS: the digest job of each destination zone posts
   * to its own channels and people, the main one also emails.
   */
  async digest(
    weekOf: string,
    o: { dryRun: boolean },
    target: {
      channels: readonly string[];
      users?: readonly string[];
      email: boolean;
    } = this.allDigestTargets(),
  ): Promise<string> {
    const results: Array<Awaited<ReturnType<typeof postWeeklyDigest>> & { label?: string }> = [];
    const destinations: DigestDestination[] = [
      ...target.channels.map((channel) => ({ channel })),
      ...(target.users ?? []).map((user) => ({ user })),
    ];
    const dmFailures: string[] = [];
    // no destination: still build the digest once, for the email and the dry run's sink
    for (const to of destinations.length > 0 ? destinations : [{}]) {
      const deps = {
        store: this.deps.store,
        messenger: this.deps.messenger,
        charts: this.deps.charts,
        render: this.deps.render.digest,
        figures: this.deps.compute,
        channel: to.channel,
        ...(to.user ? { user: to.user } : {}),
        now: this.deps.now,
        ...(this.deps.log ? { log: this.deps.log } : {}),
      };
      let result: Awaited<ReturnType<typeof postWeeklyDigest>>;
      try {
        result = await postWeeklyDigest(deps, weekOf, { dryRun: o.dryRun });
      } catch (error) {
        if (!to.user) throw error;
        // one person's DM failing (a user who left: user_not_found) must not cost the
        // others theirs, nor fail the slot (its rerun would post to everyone again);
        // `dealfit doctor` names the user with the fix
        const why = `DM to @${to.user} failed (${(error as Error).message})`;
        this.deps.log?.(`digest ${weekOf}: ${why}`);
        dmFailures.push(why);
        continue;
      }
      if (o.dryRun)
        this.deps.sink?.(to.channel ?? (to.user ? `@${to.user}` : undefined), result.message);
      results.push({ ...result, ...(to.user ? { label: `@${to.user}` } : {}) });
    }
    if (results.length === 0) throw new Error(`the digest went nowhere: ${dmFailures.join('; ')}`);
    const first = results[0] as (typeof results)[number];
    const posted = results.flatMap((r) =>
      r.posted ? [{ ...r.posted, channel: r.label ?? r.posted.channel }] : [],
    );
    const withPng = results.find((r) => r.png) ?? first;
    const emailed = o.dryRun || !target.email ? null : await this.emailDigest(weekOf, withPng);
    if (!o.dryRun && posted.length === 0 && !emailed) {
      throw new Error('DEALFIT_ALERTS_CHANNEL is not set: the digest has nowhere to go');
    }
    const digestTo = target.email ? (this.deps.email?.digestTo.length ?? 0) : 0;
    const email = emailed
      ? `; ${deliveryText(emailed)}`
      : o.dryRun && digestTo > 0
        ? `; email: dry run (${digestTo} addresses)`
        : '';
    const where =
      posted.length === 0
        ? ''
        : posted.length === 1
          ? ` posted (${posted[0]?.ts})`
          : ` posted to ${posted.map((p) => `${p.channel} (${p.ts})`).join(', ')}`;
    // a folded alert is shown once: in the first digest that went out (marked there)
    const folded = results.reduce((n, r) => n + r.folded, 0);
    const failed = dmFailures.length > 0 ? `; ${dmFailures.join('; ')}` : '';
    return `digest for the week of ${weekOf}${where}; chart ${first.chart}; ${folded} folded alerts${email}${failed}`;
  }

  private allDigestTargets(): { channels: string[]; users: string[]; email: boolean } {
    const { alerts, digest } = this.deps.settings.channels;
    const channels = [...(alerts ? [alerts] : []), ...(digest ?? [])];
    const users = [...new Set(this.deps.settings.digestUsers ?? [])];
    return { channels: [...new Set(channels)], users, email: true };
  }

  /** The digest to DEALFIT_DIGEST_EMAILS with the chart Slack got; null when none is set. */
  private async emailDigest(
    weekOf: string,
    result: Awaited<ReturnType<typeof postWeeklyDigest>>,
  ): Promise<Delivery[] | null> {
    const email = this.emailDeps();
    if (!email || email.digestTo.length === 0) return null;
    // without a Slack channel nothing drew the chart yet
    const chart =
      result.png ??
      (this.deps.charts && result.input.winRate.trend.length > 1
        ? await this.deps.charts.winRateTrend(result.input.winRate).catch(() => null)
        : null);
    const deliveries = await emailDigest(email, weekOf, result.input, chart);
    await this.afterEmail('digest', deliveries);
    return deliveries;
  }

  private emailDeps(): EmailDeps | null {
    const { email, store, now, log } = this.deps;
    return email ? { ...email, store, now, ...(log ? { log } : {}) } : null;
  }

  /**
   * A failed email (permanent, or temporary past its retries) raises the HIGH ops alert of
   * its kind; one that went out resolves it.
   */
  private async afterEmail(kind: EmailKind, deliveries: Delivery[]): Promise<void> {
    const failed = deliveries.filter((d) => d.outcome === 'failed');
    if (failed.length > 0) {
      const failures = failed.map((d) => ({ recipient: d.recipient, error: d.error ?? 'unknown' }));
      await this.sweep({ asOf: null, extra: [emailFailedAlert(kind, failures)] }, false);
    } else if (deliveries.some((d) => d.outcome === 'sent')) {
      await this.clearOpsAlert(`email-failed:${kind}`);
    }
  }

  /** The 1st at 09:00: last month's rep audit to the managers' channel (or `channel`). */
  async audit(
    o: { dryRun: boolean },
    channel: string | undefined = this.deps.settings.channels.managers,
  ): Promise<string> {
    const report = await this.deps.compute.audit();
    const message = this.deps.render.audit(
      report,
      await this.deps.store.coleads.approvedPairings(`${report.month}-01`, report.window.to),
    );
    if (o.dryRun) {
      this.deps.sink?.(channel, message);
      return `audit ${report.month}: dry run`;
    }
    if (!channel)
      throw new Error('DEALFIT_MANAGERS_CHANNEL is not set: the audit has nowhere to go');
    const posted = await this.deps.messenger.post(channel, message);
    return `audit ${report.month} posted (${posted.ts})`;
  }

  async expireColeads(o: { dryRun: boolean }): Promise<string> {
    if (o.dryRun) return 'co-lead expiry: dry run (nothing expired)';
    const n = await expireProposals(this.coleadDeps());
    return `co-lead expiry: ${n} expired`;
  }

  /** A job failed: a HIGH ops alert (deduped until the job next succeeds). */
  async jobFailed(job: string, error: Error): Promise<void> {
    await this.sweep({ asOf: null, extra: [jobFailedAlert(job, error.message)] }, false);
  }

  /** The job succeeded: its failure alert, if active and not snoozed, is resolved. */
  async jobSucceeded(job: string): Promise<void> {
    await this.clearOpsAlert(`job-failed:${job}`);
  }

  /** An ops alert whose condition ended: resolved, unless snoozed. */
  private async clearOpsAlert(key: string): Promise<void> {
    const { alerts } = this.deps.store;
    const nowIso = this.deps.now().toISOString();
    // a snoozed alert is neither edited nor resolved until its snooze ends
    if ((await alerts.snoozes(nowIso)).some((s) => s.key === key)) return;
    await resolveAlert(this.alertDeps(), key, { asOf: null });
    await alerts.clearKeys([key], nowIso);
  }
}

function managerGroup(deps: ProactiveDeps): ColeadDeps['managerGroup'] {
  const id = deps.settings.managerGroup;
  const members = deps.groupMembers;
  return id && members ? { id, members: () => members(id) } : undefined;
}
