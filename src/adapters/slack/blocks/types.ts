/**
 * Block Kit types, taken from Slack's own @slack/types (re-exported by Bolt), so a builder
 * that compiles produces blocks the Web API client accepts.
 */
import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type HeaderBlock = types.HeaderBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type HomeView = types.HomeView;

/** What every message builder returns: fallback text for notifications, and the blocks. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}
