/** Entry point of the `dealfit` command line. */
import { commands } from './cli/commands.js';
import { runCli } from './cli/run-cli.js';

const code = await runCli(commands, process.argv.slice(2), {
  io: {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    isTty: process.stderr.isTTY === true,
    errRaw: (text) => process.stderr.write(text),
  },
});
process.exitCode = code;
