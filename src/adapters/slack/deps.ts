/**
 * What the Slack listeners need, as plain functions: the composition root (create-app.ts)
 * binds them to the database, the query runner and the chart renderer. Listeners never
 * open a database or build another adapter themselves.
 */
import type { Click } from '../../app/colead/colead-types.js';
import type { QuestionAnswer } from '../../app/conversation/question-answer.js';
import type { ThreadKey } from '../../app/ports/conversation-store.js';
import type { ChartRenderer } from '../../app/ports/messenger.js';
import type { QueryRunner } from '../../app/ports/query-runner.js';
import type { Telemetry } from '../../app/ports/telemetry.js';
import type { HomeInput } from './blocks/app-home.js';
import type { ChartLane } from './chart-lane.js';
import type { RequestsInFlight } from './requests-in-flight.js';

export interface HealthReport {
  ok: boolean;
  db: { ok: boolean; error?: string };
  dataAsOf: string | null;
  lastSync: { id: number; source: string; status: string; startedAt: string } | null;
  /** which store serves this instance */
  store?: { kind: 'sqlite' | 'postgres' };
  /** shipped migrations against those recorded; 'pending' = not ready (GET /readyz 503) */
  migrations?: { state: 'applied' | 'pending' | 'ahead'; known: number; applied: number };
  /** true from a stop request on: a load balancer should send its traffic elsewhere */
  stopping?: boolean;
  /** this instance, and the job slots whose lease it holds now */
  instance?: { id: string; holdsLease: boolean; leases: Array<{ job: string; period: string }> };
}

/** The proactive side's click handlers (co-lead cards, alert feedback and snooze). */
export interface ProactiveActions {
  approveColead(click: Click): Promise<unknown>;
  reassignColead(click: Click & { repId?: string }): Promise<unknown>;
  declineColead(click: Click): Promise<unknown>;
  alertFeedback(o: {
    alertId: number;
    userId: string;
    channel: string;
    useful: boolean;
  }): Promise<unknown>;
  alertSnooze(o: {
    alertId: number;
    userId: string;
    channel: string;
    days: number;
  }): Promise<unknown>;
}

/** Questions in plain words, and the threads they live in (app/conversation). */
export interface SlackConversation {
  /** answers `text` in the thread `key`, refining the thread's last question */
  ask(key: ThreadKey, text: string, botUserId?: string): Promise<QuestionAnswer>;
  /** whether dealfit has answered in this thread (a reply there needs no mention) */
  knows(key: ThreadKey): Promise<boolean>;
  /** true the first time an Events API event id is seen: a retry is answered once */
  firstDelivery(eventId: string): Promise<boolean>;
  /** whether that id was taken already, without taking it */
  delivered(eventId: string): Promise<boolean>;
}

export interface SlackDeps {
  /** unset: DMs, mentions and thread replies are not answered (and free text in a command
   *  gets the command's usage) */
  conversation?: SlackConversation;
  /** unset: no co-lead or alert buttons are handled (e.g. a CLI-only setup) */
  proactive?: ProactiveActions;
  /** the registry's queries by name (rejections: see QueryRunner) */
  queries: QueryRunner;
  /** what the App Home tab shows */
  home(): Promise<HomeInput>;
  charts: ChartRenderer;
  /** a networked store (PostgreSQL) answers asynchronously */
  health(): HealthReport | Promise<HealthReport>;
  /** how long a chart may take before the answer goes out without it (default 3 s) */
  chartTimeoutMs?: number;
  /** the answers' chart uploads take turns in it (chart-lane.ts); unset: each at once */
  chartLane?: ChartLane;
  /** the requests being answered, which a stopping app finishes; unset: not counted */
  inFlight?: RequestsInFlight;
  /** times acks and answers (GET /metrics); unset: nothing is timed */
  telemetry?: Telemetry;
}
