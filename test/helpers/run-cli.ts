/** Runs the real CLI dispatcher in-process and captures what it prints. */
import { commands } from '../../src/cli/commands.js';
import { runCli } from '../../src/cli/run-cli.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: () => unknown;
}

export async function runDealfit(
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(commands, argv, {
    env,
    io: { out: (t) => out.push(t), err: (t) => err.push(t), isTty: false },
  });
  const stdout = out.join('\n');
  return { code, stdout, stderr: err.join('\n'), json: () => JSON.parse(stdout) };
}
