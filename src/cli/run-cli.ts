/**
 * Argument dispatch for `dealfit`: finds the command, parses its flags with
 * node:util parseArgs (strict), handles --help/--db/--json, and maps errors to exit codes.
 */
import { parseArgs } from 'node:util';
import { ConfigError, inspectConfig, loadConfig } from '../config.js';
import { type Command, CommandError, type CommandIo, UsageError } from './command.js';

const GLOBAL_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const GLOBAL_HELP = `Global options:
  --db PATH   database file (default: $DEALFIT_DB or ./data/dealfit.db)
  --json      print one JSON document on stdout
  -h, --help  show help`;

function findCommand(commands: Command[], argv: string[]): { command?: Command; rest: string[] } {
  let best: Command | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, i) => argv[i] === word);
    if (matches && (!best || command.path.length > best.path.length)) best = command;
  }
  return { command: best, rest: best ? argv.slice(best.path.length) : argv };
}

function commandHelp(command: Command): string {
  return [
    `Usage: dealfit ${command.usage}`,
    '',
    command.summary,
    ...(command.help ? ['', command.help] : []),
    '',
    GLOBAL_HELP,
  ].join('\n');
}

export function overviewHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  const lines = commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return [
    'dealfit: sales insight and alerts from your CRM deals',
    '',
    'Usage: dealfit <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    GLOBAL_HELP,
    '',
    'Run `dealfit <command> --help` for a command.',
  ].join('\n');
}

export interface RunCliOptions {
  env?: Record<string, string | undefined>;
  io: CommandIo;
  now?: () => Date;
}

/** Runs one invocation; returns the process exit code. Never throws. */
export async function runCli(
  commands: Command[],
  argv: string[],
  options: RunCliOptions,
): Promise<number> {
  const { io } = options;
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(overviewHelp(commands));
    return argv.length === 0 ? 2 : 0;
  }
  const { command, rest } = findCommand(commands, argv);
  if (!command) {
    io.err(`dealfit: unknown command "${argv[0]}". Run \`dealfit --help\` for the list.`);
    return 2;
  }
  try {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...GLOBAL_OPTIONS, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (parsed.values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    const limits = command.positionals ?? { min: 0, max: 0 };
    if (parsed.positionals.length < limits.min) {
      throw new UsageError('missing argument');
    }
    if (parsed.positionals.length > limits.max) {
      throw new UsageError(`unexpected argument "${parsed.positionals[limits.max]}"`);
    }
    const { config, issues } = command.acceptsBadConfig
      ? inspectConfig(options.env)
      : { config: loadConfig(options.env), issues: [] };
    const code = await command.run({
      config,
      dbPath: (parsed.values.db as string | undefined) ?? config.dbPath,
      json: parsed.values.json === true,
      io,
      now: options.now ?? (() => new Date()),
      values: parsed.values,
      positionals: parsed.positionals,
      configIssues: issues,
    });
    return code ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(
        `dealfit ${command.path.join(' ')}: ${error.message}\nUsage: dealfit ${command.usage}`,
      );
      return 2;
    }
    if (error instanceof CommandError) {
      io.err(`dealfit ${command.path.join(' ')}: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    io.err(
      `dealfit ${command.path.join(' ')}: unexpected error: ${(error as Error).stack ?? error}`,
    );
    return 1;
  }
}
