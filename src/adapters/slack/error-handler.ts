/**
 * The one global error handler: logs every failure by kind (name, code, cause) with a
 * short reference, and gives the user an ephemeral "what went wrong, what to do" through
 * the request's response_url instead of silence.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import { buildErrorReply } from './blocks/usage.js';

interface Explained {
  kind: string;
  what: string;
  todo: string;
}

/** Bolt wraps listener errors (UnknownError, MultipleListenerError); find the real ones. */
export function rootErrors(error: unknown): unknown[] {
  const e = error as { original?: unknown; originals?: unknown[] };
  if (Array.isArray(e.originals)) return e.originals.flatMap(rootErrors);
  if (e.original) return rootErrors(e.original);
  return [error];
}

export function explainError(error: unknown): Explained {
  const e = error as { name?: string; code?: string; data?: { error?: string }; message?: string };
  if (e.code === 'slack_webapi_platform_error') {
    return {
      kind: `slack:${e.data?.error ?? 'error'}`,
      what: `Slack refused a request (${e.data?.error ?? 'unknown error'})`,
      todo:
        e.data?.error === 'not_in_channel' || e.data?.error === 'channel_not_found'
          ? 'Invite @dealfit to this channel and try again.'
          : 'Try again; if it keeps happening, ask your dealfit admin to check the app’s scopes.',
    };
  }
  if (e.code === 'slack_webapi_rate_limited_error' || e.code === 'slack_webapi_request_error') {
    return {
      kind: `slack:${e.code}`,
      what: 'Slack is busy or unreachable right now',
      todo: 'Try again in a minute.',
    };
  }
  if (e.code === 'SQLITE_BUSY' || e.code === 'SQLITE_LOCKED') {
    return {
      kind: `db:${e.code}`,
      what: 'The database is busy (an import or sync is running)',
      todo: 'Try again in a minute.',
    };
  }
  if (typeof e.code === 'string' && e.code.startsWith('SQLITE')) {
    return {
      kind: `db:${e.code}`,
      what: 'dealfit could not read its database',
      todo: 'Ask your dealfit admin to check `dealfit status` and the server log.',
    };
  }
  return {
    kind: e.name ?? 'Error',
    what: 'Something went wrong while answering',
    todo: 'Try again; if it keeps failing, tell your dealfit admin and quote the reference below.',
  };
}

/** The arguments Bolt passes with `extendedErrorHandler: true` (not exported by Bolt 5.1). */
export interface ErrorHandlerArgs {
  error: Error;
  logger: Logger;
  body: unknown;
}

export function createErrorHandler(fetchFn: typeof fetch = fetch) {
  return async ({ error, logger, body }: ErrorHandlerArgs): Promise<void> => {
    const reference = randomBytes(4).toString('hex');
    const roots = rootErrors(error);
    const explained = explainError(roots[0]);
    for (const root of roots) {
      const r = root as {
        name?: string;
        code?: string;
        message?: string;
        cause?: unknown;
        stack?: string;
      };
      logger.error(
        `[${reference}] ${explained.kind}: ${r.message ?? String(root)}`,
        r.cause ?? '',
        r.stack ?? '',
      );
    }
    const responseUrl = (body as { response_url?: unknown } | undefined)?.response_url;
    if (typeof responseUrl !== 'string') return;
    try {
      const reply = buildErrorReply(explained.what, explained.todo, reference);
      await fetchFn(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...reply }),
      });
    } catch (replyError) {
      logger.error(`[${reference}] could not tell the user: ${(replyError as Error).message}`);
    }
  };
}
