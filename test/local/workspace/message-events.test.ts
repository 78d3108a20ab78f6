/** What Slack makes of a typed message: the stored text and the events the bot receives. */
import { describe, expect, it } from 'vitest';
import {
  channelTypeOf,
  encodeTypedText,
  eventsForTypedMessage,
  richTextBlocks,
} from '../../../src/local/workspace/message-events.js';

const MEMBERS = [
  { id: 'U0DEALFIT', name: 'dealfit' },
  { id: 'U0CRO', name: 'Chris Ortega' },
  { id: 'U0CHRIS', name: 'Chris' },
  { id: 'U0REP19', name: 'rep_19' },
];
const BOT = { botUserId: 'U0DEALFIT', teamId: 'T0DEALFIT' };

describe('typed text as Slack stores it', () => {
  it('turns @dealfit and @members into mentions, longest name first, whole names only', () => {
    expect(encodeTypedText('@dealfit how are we doing in APAC?', MEMBERS)).toBe(
      '<@U0DEALFIT> how are we doing in APAC?',
    );
    expect(encodeTypedText('how is @rep_19 doing? cc @Chris Ortega', MEMBERS)).toBe(
      'how is <@U0REP19> doing? cc <@U0CRO>',
    );
    expect(encodeTypedText('@DealFit, and @chris?', MEMBERS)).toBe('<@U0DEALFIT>, and <@U0CHRIS>?');
    // not a member's whole name, or part of an e-mail address: stays text
    expect(encodeTypedText('@dealfitness mail me@dealfit', MEMBERS)).toBe(
      '@dealfitness mail me@dealfit',
    );
  });

  it('escapes &, < and > as Slack does, so typed text can never forge a mention', () => {
    expect(encodeTypedText('deals > $40k & <@U0CRO>', MEMBERS)).toBe(
      'deals &gt; $40k &amp; &lt;@U0CRO&gt;',
    );
  });

  it('carries the text in a rich_text block with the mentions as user elements', () => {
    const [block] = richTextBlocks('<@U0DEALFIT> over &gt; $40k') as Array<{
      type: string;
      elements: Array<{ elements: unknown[] }>;
    }>;
    expect(block?.type).toBe('rich_text');
    expect(block?.elements[0]?.elements).toEqual([
      { type: 'user', user_id: 'U0DEALFIT' },
      { type: 'text', text: ' over > $40k' },
    ]);
  });
});

describe('the events Slack sends for a typed message', () => {
  it('reads the channel type from the id', () => {
    expect([channelTypeOf('D0CRO'), channelTypeOf('C0REVOPS'), channelTypeOf('G0PRIV')]).toEqual([
      'im',
      'channel',
      'group',
    ]);
  });

  it('sends a DM to dealfit as one message event with channel_type im, even with a mention', () => {
    const events = eventsForTypedMessage(
      { channel: 'D0CRO', user: 'U0CRO', text: '<@U0DEALFIT> how are we doing?', ts: '1.000002' },
      BOT,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'message',
      channel_type: 'im',
      channel: 'D0CRO',
      user: 'U0CRO',
      text: '<@U0DEALFIT> how are we doing?',
      ts: '1.000002',
      event_ts: '1.000002',
      team: 'T0DEALFIT',
    });
    expect(events[0]).not.toHaveProperty('thread_ts');
    expect(events[0]).not.toHaveProperty('bot_id');
    expect(events[0]).not.toHaveProperty('subtype');
  });

  it('sends a channel mention as app_mention plus the message event, a reply with its thread', () => {
    const events = eventsForTypedMessage(
      {
        channel: 'C0REVOPS',
        user: 'U0CRO',
        text: '<@U0DEALFIT> and in SaaS?',
        ts: '1.000009',
        threadTs: '1.000003',
        parentUser: 'U0CRO',
      },
      BOT,
    );
    expect(events.map((e) => e.type)).toEqual(['app_mention', 'message']);
    expect(events[0]).not.toHaveProperty('channel_type');
    expect(events[1]).toMatchObject({ channel_type: 'channel' });
    for (const event of events) {
      expect(event).toMatchObject({
        channel: 'C0REVOPS',
        ts: '1.000009',
        thread_ts: '1.000003',
        parent_user_id: 'U0CRO',
      });
    }
    // the same message: one client_msg_id in both, as Slack sends it
    expect(events[0]?.client_msg_id).toBe(events[1]?.client_msg_id);
  });

  it('sends any other channel message, top level or in a thread, as the message event only', () => {
    const top = eventsForTypedMessage(
      { channel: 'C0REVOPS', user: 'U0CRO', text: 'hello team', ts: '1.000004' },
      BOT,
    );
    expect(top.map((e) => [e.type, e.channel_type])).toEqual([['message', 'channel']]);
    const reply = eventsForTypedMessage(
      { channel: 'G0PRIV', user: 'U0CRO', text: 'by region', ts: '1.000005', threadTs: '1.000001' },
      BOT,
    );
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatchObject({
      type: 'message',
      channel_type: 'group',
      thread_ts: '1.000001',
    });
    // another member's mention is not the bot's
    const other = eventsForTypedMessage(
      { channel: 'C0REVOPS', user: 'U0CRO', text: '<@U0REP19> ping', ts: '1.000006' },
      BOT,
    );
    expect(other.map((e) => e.type)).toEqual(['message']);
  });
});
