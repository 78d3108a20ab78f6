/**
 * The page's endpoints that do what Slack would: a typed slash command, a typed message
 * (stored as the person's, then delivered as the Events API events Slack sends), a click
 * (block_actions, with the thread in `container.thread_ts`) and opening the Home tab
 * (app_home_opened), each signed as Slack signs and sent to the Bolt app's receiver, with
 * a response_url on the emulator. Each takes the page's JSON and answers the page's JSON.
 */
import { HttpError, str, threadOf } from './http-input.js';
import { encodeTypedText, eventsForTypedMessage } from './message-events.js';
import {
  blockActionsRequest,
  type ClickedElement,
  eventRequest,
  type SignedRequest,
  sendSigned,
  slashCommandRequest,
} from './slack-requests.js';
import type { Person, WorkspaceMessage, WorkspaceSlack } from './workspace-types.js';

export interface SlackRoutesOptions {
  slack: WorkspaceSlack;
  boltUrl: string;
  signingSecret: string;
  people: ReadonlyMap<string, Person>;
  commands: readonly string[];
  now: () => Date;
}

type Body = Record<string, unknown>;

export function slackRoutes(o: SlackRoutesOptions) {
  const person = (id: unknown): Person => {
    const p = typeof id === 'string' ? o.people.get(id) : undefined;
    if (!p) throw new HttpError(400, `unknown person ${String(id)}`);
    return p;
  };
  const channel = (id: unknown) => {
    const c = typeof id === 'string' ? o.slack.channels.get(id) : undefined;
    if (!c) throw new HttpError(400, `unknown channel ${String(id)}`);
    return { id: c.id, name: c.name };
  };
  const seconds = () => Math.floor(o.now().getTime() / 1000);
  const toBolt = async (request: SignedRequest) => {
    const answer = await sendSigned(o.boltUrl, o.signingSecret, request, seconds());
    if (answer.status >= 400) {
      throw new HttpError(502, `the Bolt app answered ${answer.status}: ${answer.body}`);
    }
    return answer;
  };

  const toBoltEvent = (event: Record<string, unknown>) => {
    const request = eventRequest({ event, nowSeconds: seconds(), botUserId: o.slack.bot.userId });
    return toBolt(request).then((answer) => ({ ...answer, eventId: request.eventId }));
  };
  /** A message as the Web API returns it, for a click's `message` field. */
  const asSlackMessage = (m: WorkspaceMessage) => {
    const thread = m.threadTs ? undefined : o.slack.threadSummary(m.channel, m.ts);
    return {
      ts: m.ts,
      text: m.text,
      ...(m.user ? { user: m.user } : {}),
      ...(m.botId ? { bot_id: m.botId } : {}),
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
      ...(thread
        ? {
            thread_ts: m.ts,
            reply_count: thread.replyCount,
            reply_users: thread.replyUsers,
            latest_reply: thread.latestReply,
          }
        : {}),
    };
  };
  return {
    command: async (body: Body) => {
      const user = person(body.as);
      const where = channel(body.channel);
      const text = str(body.text, 'text').trim();
      const match = /^(\/\S+)\s*([\s\S]*)$/.exec(text);
      if (!match) throw new HttpError(400, 'type a slash command, e.g. /winrate industry');
      const [, command = '', args = ''] = match;
      if (!o.commands.includes(command)) {
        throw new HttpError(400, `${command} is not a dealfit command (${o.commands.join(', ')})`);
      }
      // Slack sends no thread in a command's payload, but shows its answers in the thread
      const responseUrl = o.slack.responseUrl(
        where.id,
        user.id,
        undefined,
        threadOf(body.thread_ts),
      );
      const answer = await toBolt(
        slashCommandRequest({ command, text: args, user, channel: where, responseUrl }),
      );
      return { ok: true, status: answer.status };
    },
    message: async (body: Body) => {
      const user = person(body.as);
      const where = channel(body.channel);
      const typed = str(body.text, 'text').trim();
      if (!typed) throw new HttpError(400, 'text is required');
      if (typed.startsWith('/')) throw new HttpError(400, 'a slash command goes to /api/command');
      const threadTs = threadOf(body.thread_ts);
      if (body.thread_ts !== undefined && !threadTs) {
        throw new HttpError(400, `thread_ts ${String(body.thread_ts)} is not a message ts`);
      }
      const members = [
        { id: o.slack.bot.userId, name: o.slack.bot.name },
        ...[...o.slack.users.values()].map((u) => ({ id: u.id, name: u.name })),
      ];
      const stored = o.slack.postAsUser({
        channel: where.id,
        user: user.id,
        text: encodeTypedText(typed, members),
        ...(threadTs ? { threadTs } : {}),
      });
      const parent = stored.threadTs
        ? o.slack.messages.find((m) => m.channel === where.id && m.ts === stored.threadTs)
        : undefined;
      const events = eventsForTypedMessage(
        {
          channel: where.id,
          user: user.id,
          text: stored.text,
          ts: stored.ts,
          ...(stored.threadTs ? { threadTs: stored.threadTs } : {}),
          ...(parent?.user ? { parentUser: parent.user } : {}),
        },
        { botUserId: o.slack.bot.userId, teamId: o.slack.bot.teamId },
      );
      // one request per event, as Slack delivers them
      const eventIds: string[] = [];
      for (const event of events) eventIds.push((await toBoltEvent(event)).eventId);
      return { ok: true, ts: stored.ts, eventIds };
    },
    action: async (body: Body) => {
      const user = person(body.as);
      const where = channel(body.channel);
      const ts = typeof body.ts === 'string' ? body.ts : '';
      const element = body.element as ClickedElement | undefined;
      if (!element || typeof element.action_id !== 'string') {
        throw new HttpError(400, 'element.action_id is required');
      }
      const isEphemeral = body.ephemeral === true;
      const message = isEphemeral
        ? null
        : (o.slack.messages.find((m) => m.channel === where.id && m.ts === ts) ?? null);
      if (!isEphemeral && !message) throw new HttpError(404, `no message ${ts} in ${where.id}`);
      // the thread the clicked message is in (an ephemeral's comes from the page)
      const threadTs = message ? message.threadTs : threadOf(body.thread_ts);
      const responseUrl = o.slack.responseUrl(
        where.id,
        user.id,
        isEphemeral ? undefined : ts,
        threadTs,
      );
      const answer = await toBolt(
        blockActionsRequest({
          user,
          channel: where,
          message: message ? asSlackMessage(message) : null,
          messageTs: ts,
          ...(threadTs ? { threadTs } : {}),
          isEphemeral,
          element,
          responseUrl,
          nowSeconds: seconds(),
        }),
      );
      return { ok: true, status: answer.status };
    },
    home: async (body: Body) => {
      const user = person(body.as);
      const answer = await toBoltEvent({
        type: 'app_home_opened',
        user: user.id,
        channel: o.slack.dmWith(user.id),
        tab: 'home',
        event_ts: `${seconds()}.000100`,
      });
      return { ok: true, status: answer.status };
    },
  };
}
