/**
 * What the running app tells its operators about itself while it works: job runs, Slack
 * Web API calls, how fast Slack's requests are acked and answered. The Prometheus adapter
 * (adapters/metrics/) implements it; the scheduler and the Slack adapter call it, so no use
 * case or listener knows which metrics library counts. The figures read from the store at
 * scrape time (deals, alerts, data age) are the `OpsStore` port's, not this one's.
 */

/** How a scheduled run ended (the job_runs statuses, plus a slot that was not run). */
export type JobRunOutcome = 'succeeded' | 'failed' | 'skipped';

/** One HTTP attempt of a Web API method, as the WebClient saw it. */
export type SlackCallOutcome =
  /** HTTP 200 (Slack's own `ok: false` errors included: they are answers, not outages) */
  | 'ok'
  /** HTTP 429: Slack asked to slow down */
  | 'rate_limited'
  /** any other HTTP status */
  | 'http_error'
  /** no HTTP answer at all (connection refused, reset, timeout) */
  | 'network_error';

/** What reached the app from Slack: a slash command, an Events API event, a click. */
export type SlackRequestKind = 'command' | 'event' | 'action';

/** What was answered: a slash command, or a question in plain words (DM, mention, thread). */
export type AnswerKind = 'command' | 'question';

export interface Telemetry {
  /** a scheduled job's run ended (dry runs are not counted: they are not logged either) */
  jobRun(job: string, outcome: JobRunOutcome, seconds: number): void;
  /** one HTTP attempt of a Web API method (`chat.postMessage`) */
  slackCall(method: string, outcome: SlackCallOutcome): void;
  /** the WebClient sent a method's request again after a failed attempt */
  slackRetry(method: string): void;
  /** from the verified request to its ack (Slack's limit is 3 s) */
  ackLatency(kind: SlackRequestKind, seconds: number): void;
  /** from the verified request to the answer's words sent (the chart may follow) */
  answerLatency(kind: AnswerKind, seconds: number): void;
}

/** Counts nothing: the CLI and tests that do not look. */
export const NO_TELEMETRY: Telemetry = {
  jobRun: () => {},
  slackCall: () => {},
  slackRetry: () => {},
  ackLatency: () => {},
  answerLatency: () => {},
};
