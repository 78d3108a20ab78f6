/**
 * The Messenger port on Slack's Web API. Rate limits (429 + Retry-After) and transient
 * failures are retried by the WebClient itself (its retryConfig); Slack's own `ok: false`
 * errors surface as exceptions with Slack's error code.
 */
import type { webApi } from '@slack/bolt';
import type { Messenger, OutgoingMessage, Png, PostedMessage } from '../../app/ports/messenger.js';
import type { Block } from './blocks/types.js';

type WebClient = webApi.WebClient;

function payload(message: OutgoingMessage): { text: string; blocks?: Block[] } {
  return message.blocks
    ? { text: message.text, blocks: message.blocks as Block[] }
    : { text: message.text };
}

export function createSlackMessenger(client: WebClient): Messenger {
  const post = async (
    channel: string,
    message: OutgoingMessage,
    options: { threadTs?: string } = {},
  ): Promise<PostedMessage> => {
    const res = await client.chat.postMessage({
      channel,
      ...payload(message),
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    });
    if (!res.channel || !res.ts) throw new Error('chat.postMessage returned no channel/ts');
    return { channel: res.channel, ts: res.ts };
  };
  return {
    post,
    async update(target, message) {
      await client.chat.update({ channel: target.channel, ts: target.ts, ...payload(message) });
    },
    async ephemeral(channel, user, message) {
      await client.chat.postEphemeral({ channel, user, ...payload(message) });
    },
    async dm(user, message) {
      const opened = await client.conversations.open({ users: user });
      const channel = opened.channel?.id;
      if (!channel) throw new Error(`conversations.open gave no channel for ${user}`);
      return post(channel, message);
    },
    async uploadPng(target, png: Png, meta) {
      // files.uploadV2 = files.getUploadURLExternal + upload + files.completeUploadExternal.
      const common = {
        file: png.data,
        filename: meta.filename,
        title: meta.title,
        alt_text: meta.altText,
        ...(meta.comment ? { initial_comment: meta.comment } : {}),
      };
      const res = (await client.filesUploadV2(
        target.threadTs
          ? { ...common, channel_id: target.channel, thread_ts: target.threadTs }
          : { ...common, channel_id: target.channel },
      )) as { files?: Array<{ files?: Array<{ id?: string }> }> };
      const fileId = res.files?.[0]?.files?.[0]?.id;
      if (!fileId) throw new Error('files.uploadV2 returned no file id');
      return { fileId };
    },
  };
}

/** Members of a Slack user group (usergroups.users.list; needs the usergroups:read scope). */
export function slackGroupMembers(client: WebClient): (groupId: string) => Promise<string[]> {
  return async (groupId) => {
    const res = await client.usergroups.users.list({ usergroup: groupId });
    return res.users ?? [];
  };
}
