/**
 * A Messenger that records what the app would post, for app-level tests that do not need
 * Slack's wire format (the Bolt tests use the fake Slack Web API instead).
 */
import type { Messenger, OutgoingMessage, PostedMessage } from '../../src/app/ports/messenger.js';

export interface RecordedCall {
  kind: 'post' | 'update' | 'ephemeral' | 'dm' | 'upload';
  channel: string;
  user?: string;
  ts?: string;
  message?: OutgoingMessage;
  threadTs?: string;
}

export function createRecordingMessenger(
  options: { failPosts?: boolean } = {},
): Messenger & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  let seq = 0;
  const nextTs = () => `1700000000.${String(++seq).padStart(6, '0')}`;
  return {
    calls,
    async post(channel, message, opts) {
      if (options.failPosts) throw new Error('channel_not_found');
      const ts = nextTs();
      calls.push({ kind: 'post', channel, message, ts, threadTs: opts?.threadTs });
      return { channel, ts };
    },
    async update(target: PostedMessage, message) {
      calls.push({ kind: 'update', channel: target.channel, ts: target.ts, message });
    },
    async ephemeral(channel, user, message) {
      calls.push({ kind: 'ephemeral', channel, user, message });
    },
    async dm(user, message) {
      const ts = nextTs();
      calls.push({ kind: 'dm', channel: `D_${user}`, user, message, ts });
      return { channel: `D_${user}`, ts };
    },
    async uploadPng(target, _png, meta) {
      calls.push({
        kind: 'upload',
        channel: target.channel,
        threadTs: target.threadTs,
        message: { text: meta.title },
      });
      return { fileId: `F${++seq}` };
    },
  };
}
