/** Help and usage replies for the slash commands, and the "what went wrong" error reply. */
import { COMMAND_HINTS, type CommandName } from '../ids.js';
import { context, esc, fallback, section, short } from './format.js';
import type { SlackMessage } from './types.js';

const EXAMPLES: Record<CommandName, string[]> = {
  '/winrate': ['/winrate', '/winrate industry', '/winrate lead all', '/winrate rep 90d public'],
  '/rsfs': ['/rsfs D04521', '/rsfs D04521 public'],
  '/audit': ['/audit', '/audit 2024-01', '/audit 2024-01 public'],
};

const DETAILS: Record<CommandName, string> = {
  '/winrate':
    'Segments: `industry`, `region`, `product`, `lead` (lead source), `rep`. Window: `90d` (default) or `all`.',
  '/rsfs': 'The deal id as in the CRM, e.g. `D04521`.',
  '/audit': 'Month as `YYYY-MM`; default: the last complete month of the data.',
};

/** `problem` is echoed back (escaped, cut short) so the user sees what was not understood. */
export function buildUsage(command: CommandName, problem?: string): SlackMessage {
  const hint = COMMAND_HINTS[command];
  const lines = [
    `*Usage:* \`${command} ${hint.usageHint}\``,
    hint.description,
    DETAILS[command],
    'Add `public` to post the answer in the channel; otherwise only you see it.',
    `Examples: ${EXAMPLES[command].map((e) => `\`${e}\``).join(' · ')}`,
  ];
  const blocks = [
    ...(problem ? [section(`:warning: ${esc(short(problem, 300))}`)] : []),
    section(lines.join('\n')),
  ];
  const text = problem
    ? `${short(problem, 300)} — usage: ${command} ${hint.usageHint}`
    : `Usage: ${command} ${hint.usageHint}`;
  return { text: fallback(text), blocks };
}

/** The global error reply: what went wrong and what the user can do, never silence. */
export function buildErrorReply(what: string, todo: string, reference?: string): SlackMessage {
  const blocks = [
    section(`:x: *${esc(short(what, 500))}*\n${esc(short(todo, 1000))}`),
    ...(reference ? [context(`reference: \`${esc(short(reference, 100))}\``)] : []),
  ];
  return { text: fallback(`${what} — ${todo}`), blocks };
}
