/**
 * `dealfit ask "<question>"`: the same parser and answers as Slack, on the command line.
 * `--thread FILE` keeps the conversation's last reading in a file (created when absent), so
 * successive calls are one thread, with the same 7-day expiry as a Slack thread.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { coleadLines } from '../app/conversation/colead-lines.js';
import {
  createConversation,
  keepsContext,
  THREAD_TTL_DAYS,
} from '../app/conversation/conversation.js';
import type { Understood } from '../app/conversation/understood.js';
import { queriesInThisThread } from '../app/queries/queries-in-this-thread.js';
import { openStore } from '../wiring/open-store.js';
import { type Command, emit, UsageError } from './command.js';
import { AS_OF_OPTION, asOfValue } from './metric-cli.js';

interface ThreadFile {
  version: 1;
  reading: Understood;
  question: string;
  updatedAt: string;
}

const DAY_MS = 86_400_000;

function readThread(path: string, now: Date): Understood | null {
  if (!existsSync(path)) return null;
  let file: ThreadFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as ThreadFile;
  } catch (error) {
    throw new UsageError(
      `--thread ${path} is not a dealfit thread file (${(error as Error).message})`,
    );
  }
  if (file.version !== 1 || typeof file.reading !== 'object' || file.reading === null)
    throw new UsageError(`--thread ${path} is not a dealfit thread file`);
  const age = now.getTime() - Date.parse(file.updatedAt);
  return age > THREAD_TTL_DAYS * DAY_MS ? null : file.reading;
}

/** Written to a temporary file and renamed: a crash never leaves half a thread file. */
function writeThread(path: string, file: ThreadFile): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`);
  renameSync(tmp, path);
}

export const askCommand: Command = {
  path: ['ask'],
  summary: 'Ask a question in plain words, e.g. "win rate in FinTech since March"',
  usage: 'ask "<question>" [--thread FILE] [--as-of DATE] [--json]',
  help: `Options:
  --thread FILE  keep the conversation in FILE (created when absent): the next question
                 refines this one, as a reply in a Slack thread does
  --as-of DATE   answer as of this date (YYYY-MM-DD) instead of the data's as-of`,
  options: { ...AS_OF_OPTION, thread: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const question = ctx.positionals[0]!.trim();
    if (!question)
      throw new UsageError('ask needs a question, e.g. dealfit ask "win rate by region"');
    const threadPath = ctx.values.thread as string | undefined;
    const now = new Date();
    const previous = threadPath ? readThread(threadPath, now) : null;
    const asOf = asOfValue(ctx);
    const opened = await openStore({ dbPath: ctx.dbPath, databaseUrl: ctx.config.databaseUrl });
    try {
      const store = opened.store;
      const conversation = createConversation({
        queries: queriesInThisThread(store),
        people: () =>
          Object.entries(ctx.config.proactive.repUsers).map(([repId, slackUserId]) => ({
            repId,
            slackUserId,
          })),
        coleads: async () => coleadLines(store.coleads),
      });
      const answer = await conversation.ask({
        text: question,
        previous,
        ...(asOf ? { asOf } : {}),
      });
      if (threadPath && keepsContext(answer))
        writeThread(threadPath, {
          version: 1,
          reading: answer.understood,
          question,
          updatedAt: now.toISOString(),
        });
      emit(ctx, answer, () =>
        [
          `read as: ${answer.readAs}`,
          // Slack's *bold* and _italic_ marks read as noise in a terminal
          answer.text.replace(/(^|\s)[*_]([^*_\n]+)[*_](?=\s|$|[.,;:])/g, '$1$2'),
          ...(answer.asOf ? [`data as of ${answer.asOf}`] : []),
          ...(answer.followUps.length
            ? [`next: ${answer.followUps.map((f) => `"${f.question}"`).join(' · ')}`]
            : []),
        ].join('\n'),
      );
      return 0;
    } finally {
      await opened.close();
    }
  },
};
