/**
 * The shape of a `dealfit` sub-command. Each command lives in its own file under src/cli/
 * and is listed in src/cli/commands.ts.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** true when stderr is a terminal (progress bars go there) */
  isTty: boolean;
  /** writes to stderr as is, without a newline (a progress bar redrawn with \r) */
  errRaw?: (text: string) => void;
}

export interface CommandContext {
  config: Config;
  /** resolved --db (flag, then DEALFIT_DB, then the default) */
  dbPath: string;
  json: boolean;
  io: CommandIo;
  /** wall clock; passed in so nothing deep reads Date.now() */
  now: () => Date;
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
  /** the configuration's problems, for a command that runs despite them (`doctor`) */
  configIssues: string[];
}

export interface Command {
  /** words that select it, e.g. ['import'] or ['metrics', 'run'] */
  path: string[];
  summary: string;
  /** usage line(s) after `dealfit`, e.g. 'import <file> [--mapping m.json]' */
  usage: string;
  /** longer help: options and examples */
  help?: string;
  options?: OptionSpec;
  /** how many positionals it accepts */
  positionals?: { min: number; max: number };
  /** runs on a configuration with bad fields unset, the problems in ctx.configIssues,
   *  instead of stopping at them (exit 2) as every other command does */
  acceptsBadConfig?: boolean;
  run(ctx: CommandContext): Promise<number | undefined> | number | undefined;
}

/** Bad arguments: exit 2 with the message and the command's usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command failed for a reason the user can act on: exit 1 with the message. */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Prints either one JSON document or human text, as --json asks. */
export function emit(ctx: CommandContext, result: unknown, human: () => string): void {
  ctx.io.out(ctx.json ? JSON.stringify(result, null, 2) : human());
}
