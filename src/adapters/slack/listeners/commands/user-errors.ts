/**
 * Errors a user can fix (bad month, unknown deal, no data yet) become a usage reply;
 * anything else is rethrown to the global error handler.
 */
import type { RespondFn } from '@slack/bolt';
import { buildUsage } from '../../blocks/usage.js';
import type { CommandName } from '../../ids.js';

export function userProblem(error: unknown): string | undefined {
  if (error instanceof RangeError) return error.message;
  if (error instanceof Error && error.name === 'DealNotFoundError') {
    const similar = (error as Error & { similar?: string[] }).similar ?? [];
    const hint =
      similar.length > 0 ? ` Similar ids: ${similar.map((s) => `\`${s}\``).join(', ')}.` : '';
    return `${error.message}.${hint}`;
  }
  return undefined;
}

/** Answers a fixable problem with usage and returns true; false means "not ours". */
export async function replyToUserError(
  respond: RespondFn,
  command: CommandName,
  error: unknown,
): Promise<boolean> {
  const problem = userProblem(error);
  if (problem === undefined) return false;
  await respond({ response_type: 'ephemeral', ...buildUsage(command, problem) });
  return true;
}

/**
 * Lets the event loop flush the ack to Slack before the (synchronous, CPU-bound) query
 * runs; without it the 200 would sit in the socket buffer until the query finishes.
 */
export function afterAck(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
