/**
 * The Slack app's manifest (`manifest.json` at the repository root), read at run time: its
 * bot scopes are what an install should have granted, so `dealfit doctor` compares the
 * token's scopes against this one source and never against a copy of the list.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MANIFEST_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../manifest.json',
);

let cached: readonly string[] | undefined;

/** The bot scopes manifest.json asks for, in its order. */
export function manifestBotScopes(): readonly string[] {
  if (!cached) {
    const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as {
      oauth_config?: { scopes?: { bot?: unknown } };
    };
    const bot = manifest.oauth_config?.scopes?.bot;
    if (!Array.isArray(bot) || !bot.every((s) => typeof s === 'string')) {
      throw new Error(`${MANIFEST_PATH}: oauth_config.scopes.bot is not a list of scopes`);
    }
    cached = Object.freeze([...bot]);
  }
  return cached;
}
