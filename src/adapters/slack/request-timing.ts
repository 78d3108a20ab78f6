/**
 * How fast Slack's requests are acked and answered. Both receivers (HTTP and Socket Mode)
 * hand every verified request to `app.processEvent`; wrapping it here sees each request's
 * start and its ack without touching a listener, and puts the start in the request's
 * context (a Bolt custom property) so the answer's sender can time the answer too.
 */
import type { App, ReceiverEvent } from '@slack/bolt';
import type { AnswerKind, SlackRequestKind, Telemetry } from '../../app/ports/telemetry.js';

/** the context key of the request's start (`performance.now()` ms) */
const RECEIVED_AT = 'dealfitReceivedAt';

function requestKind(body: Record<string, unknown>): SlackRequestKind {
  if (typeof body.command === 'string') return 'command';
  if (body.type === 'event_callback') return 'event';
  return 'action';
}

/** Observes each request's ack latency, and stamps its start into its context. */
export function timeRequests(app: App, telemetry: Pick<Telemetry, 'ackLatency'>): void {
  const process = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    const started = performance.now();
    const kind = requestKind(event.body);
    const ack = event.ack;
    let acked = false;
    return process({
      ...event,
      ack: async (response) => {
        await ack(response);
        if (acked) return;
        acked = true;
        telemetry.ackLatency(kind, (performance.now() - started) / 1000);
      },
      customProperties: { ...event.customProperties, [RECEIVED_AT]: started },
    });
  };
}

/**
 * Records the answer latency of the request behind `context` (once; nothing for a context
 * without a start, e.g. a test that calls a listener directly).
 */
export function answered(
  telemetry: Pick<Telemetry, 'answerLatency'> | undefined,
  context: Record<string, unknown>,
  kind: AnswerKind,
): void {
  const started = context[RECEIVED_AT];
  if (!telemetry || typeof started !== 'number') return;
  delete context[RECEIVED_AT];
  telemetry.answerLatency(kind, (performance.now() - started) / 1000);
}
