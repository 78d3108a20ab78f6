/**
 * Threads in the emulator as Slack keeps them: replies under their parent (a reply to a
 * reply under the same parent), reply_count / reply_users / latest_reply on the parent,
 * and conversations.replies / conversations.history answering what Slack answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../../src/local/slack-emulator/server.js';
import { clientFor } from './web-client.js';

const TOKEN = 'xoxb-local-test';

describe('Slack emulator threads', () => {
  let slack: SlackEmulator;
  const client = () => clientFor(slack, TOKEN);

  beforeEach(async () => {
    slack = await SlackEmulator.start({
      token: TOKEN,
      channels: [{ id: 'C0REVOPS', name: 'revenue-ops' }],
      users: [
        { id: 'U0CRO', name: 'Chris Ortega' },
        { id: 'U0REP1', name: 'rep_1' },
      ],
    });
  });
  afterEach(async () => {
    await slack.close();
  });

  it("stores a person's message as theirs and the bot's answer as a reply with bot_id", async () => {
    const question = slack.postAsUser({
      channel: 'C0REVOPS',
      user: 'U0CRO',
      text: '<@U0DEALFIT> win rate by industry',
    });
    expect(question).toMatchObject({ user: 'U0CRO', text: '<@U0DEALFIT> win rate by industry' });
    expect(question.botId).toBeUndefined();
    expect(question.threadTs).toBeUndefined();
    const answer = await client().chat.postMessage({
      channel: 'C0REVOPS',
      thread_ts: question.ts,
      text: 'win rate by industry: 41%',
    });
    expect(answer.message).toMatchObject({
      thread_ts: question.ts,
      bot_id: slack.bot.botId,
      user: slack.bot.userId,
      parent_user_id: 'U0CRO',
    });
    expect(slack.messagesIn('C0REVOPS').find((m) => m.ts === answer.ts)).toMatchObject({
      threadTs: question.ts,
      botId: slack.bot.botId,
    });
    expect(() => slack.postAsUser({ channel: 'C0REVOPS', user: 'U0NOBODY', text: 'x' })).toThrow(
      'user_not_found',
    );
    expect(() => slack.postAsUser({ channel: 'C0NOPE', user: 'U0CRO', text: 'x' })).toThrow(
      'channel_not_found',
    );
  });

  it('answers conversations.replies with the parent (reply_count, reply_users, latest_reply) and the replies in order', async () => {
    const parent = slack.postAsUser({ channel: 'C0REVOPS', user: 'U0CRO', text: 'question' });
    const first = await client().chat.postMessage({
      channel: 'C0REVOPS',
      thread_ts: parent.ts,
      text: 'answer 1',
    });
    const second = slack.postAsUser({
      channel: 'C0REVOPS',
      user: 'U0REP1',
      text: 'and in SaaS?',
      threadTs: parent.ts,
    });
    // a reply to a reply goes under the parent: Slack threads are one level deep
    const third = await client().chat.postMessage({
      channel: 'C0REVOPS',
      thread_ts: second.ts,
      text: 'answer 2',
    });
    expect(slack.messagesIn('C0REVOPS').find((m) => m.ts === third.ts)?.threadTs).toBe(parent.ts);

    const thread = await client().conversations.replies({ channel: 'C0REVOPS', ts: parent.ts });
    expect(thread.messages?.map((m) => m.text)).toEqual([
      'question',
      'answer 1',
      'and in SaaS?',
      'answer 2',
    ]);
    expect(thread.messages?.[0]).toMatchObject({
      ts: parent.ts,
      thread_ts: parent.ts,
      user: 'U0CRO',
      reply_count: 3,
      reply_users_count: 2,
      reply_users: [slack.bot.userId, 'U0REP1'],
      latest_reply: third.ts,
    });
    expect(thread.messages?.[2]).toMatchObject({
      ts: second.ts,
      user: 'U0REP1',
      thread_ts: parent.ts,
      parent_user_id: 'U0CRO',
    });
    expect(thread.messages?.[2]).not.toHaveProperty('bot_id');
    expect(thread.messages?.[1]).toMatchObject({ ts: first.ts, bot_id: slack.bot.botId });
    expect(thread.has_more).toBe(false);

    // the ts of a reply names its whole thread
    const fromReply = await client().conversations.replies({ channel: 'C0REVOPS', ts: first.ts! });
    expect(fromReply.messages?.map((m) => m.ts)).toEqual(thread.messages?.map((m) => m.ts));
    // paging: limit and the cursor Slack hands back
    const page1 = await client().conversations.replies({
      channel: 'C0REVOPS',
      ts: parent.ts,
      limit: 2,
    });
    expect(page1.messages?.map((m) => m.text)).toEqual(['question', 'answer 1']);
    expect(page1.has_more).toBe(true);
    const page2 = await client().conversations.replies({
      channel: 'C0REVOPS',
      ts: parent.ts,
      limit: 2,
      cursor: page1.response_metadata?.next_cursor,
    });
    expect(page2.messages?.map((m) => m.text)).toEqual(['and in SaaS?', 'answer 2']);
    expect(page2.has_more).toBe(false);
  });

  it('answers conversations.replies for an unthreaded message with that message only, and thread_not_found for none', async () => {
    const alone = await client().chat.postMessage({ channel: 'C0REVOPS', text: 'alone' });
    const replies = await client().conversations.replies({ channel: 'C0REVOPS', ts: alone.ts! });
    expect(replies.messages).toHaveLength(1);
    expect(replies.messages?.[0]).toMatchObject({ text: 'alone' });
    expect(replies.messages?.[0]).not.toHaveProperty('reply_count');
    expect(replies.messages?.[0]).not.toHaveProperty('thread_ts');
    await expect(
      client().conversations.replies({ channel: 'C0REVOPS', ts: '1.000001' }),
    ).rejects.toThrow(/thread_not_found/);
    await expect(
      client().conversations.replies({ channel: 'C0NOPE', ts: alone.ts! }),
    ).rejects.toThrow(/channel_not_found/);
  });

  it('answers conversations.history with top-level messages newest first, parents carrying their thread', async () => {
    const a = slack.postAsUser({ channel: 'C0REVOPS', user: 'U0CRO', text: 'a' });
    await client().chat.postMessage({ channel: 'C0REVOPS', thread_ts: a.ts, text: 'a reply' });
    const b = await client().chat.postMessage({ channel: 'C0REVOPS', text: 'b' });
    const c = slack.postAsUser({ channel: 'C0REVOPS', user: 'U0REP1', text: 'c' });
    const history = await client().conversations.history({ channel: 'C0REVOPS' });
    expect(history.messages?.map((m) => m.text)).toEqual(['c', 'b', 'a']);
    expect(history.messages?.[2]).toMatchObject({ ts: a.ts, reply_count: 1, thread_ts: a.ts });
    expect(history.messages?.[0]).toMatchObject({ ts: c.ts, user: 'U0REP1' });
    // oldest and latest are exclusive unless inclusive is set, as in Slack
    const after = await client().conversations.history({ channel: 'C0REVOPS', oldest: b.ts });
    expect(after.messages?.map((m) => m.text)).toEqual(['c']);
    const from = await client().conversations.history({
      channel: 'C0REVOPS',
      oldest: b.ts,
      inclusive: true,
    });
    expect(from.messages?.map((m) => m.text)).toEqual(['c', 'b']);
    const newest = await client().conversations.history({ channel: 'C0REVOPS', limit: 1 });
    expect(newest.messages?.map((m) => m.text)).toEqual(['c']);
    expect(newest.has_more).toBe(true);
    await expect(
      client().conversations.history({ channel: 'C0REVOPS', cursor: 'bm9wZQ==' }),
    ).rejects.toThrow(/invalid_cursor/);
  });

  it('keeps threads across a snapshot and a restore', async () => {
    const parent = slack.postAsUser({ channel: 'C0REVOPS', user: 'U0CRO', text: 'q' });
    await client().chat.postMessage({ channel: 'C0REVOPS', thread_ts: parent.ts, text: 'a' });
    const snapshot = JSON.parse(JSON.stringify(slack.snapshot()));
    const again = await SlackEmulator.start({ token: TOKEN, users: [{ id: 'U0CRO', name: 'c' }] });
    try {
      again.restore(snapshot);
      expect(again.threadSummary('C0REVOPS', parent.ts)).toMatchObject({
        replyCount: 1,
        replyUsers: [again.bot.userId],
      });
      expect(again.topLevelIn('C0REVOPS').map((m) => m.text)).toEqual(['q']);
    } finally {
      await again.close();
    }
  });
});
