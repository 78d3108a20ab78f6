/**
 * A question's answer as a Slack message: how it was read (first, so a misreading shows at
 * once), the answer, "data as of", and the follow-up buttons, which ask their question in
 * the same thread (listeners/actions/ask-follow-up.ts).
 */
import type { QuestionAnswer } from '../../../app/conversation/question-answer.js';
import { ACTION_IDS, BLOCK_IDS } from '../ids.js';
import { context, esc, fallback, LIMITS, section, short } from './format.js';
import type { Block, SlackMessage } from './types.js';

/** Sections of at most Slack's limit, cut on line boundaries (a long list stays whole). */
function sections(text: string): Block[] {
  const out: Block[] = [];
  let chunk = '';
  for (const line of text.split('\n')) {
    if (chunk && chunk.length + line.length + 1 > LIMITS.sectionText - 100) {
      out.push(section(chunk));
      chunk = '';
    }
    chunk = chunk ? `${chunk}\n${line}` : line;
  }
  if (chunk) out.push(section(chunk));
  return out;
}

export function buildQuestionAnswer(
  a: QuestionAnswer,
  o: { chartNote?: string } = {},
): SlackMessage {
  const blocks: Block[] = [
    context(`:mag: read as: *${esc(a.readAs)}*`),
    // the answer's text is built by dealfit from stored values; escape it all the same, so
    // a CRM value can never become a mention or a link
    ...sections(esc(a.text)),
  ];
  const footer = [
    ...(a.asOf ? [`data as of *${a.asOf}*`] : []),
    ...(o.chartNote ? [o.chartNote] : []),
  ];
  if (footer.length) blocks.push(context(footer.join(' · ')));
  if (a.followUps.length) {
    blocks.push({
      type: 'actions',
      block_id: BLOCK_IDS.askFollowUps,
      elements: a.followUps.slice(0, 3).map((f, i) => ({
        type: 'button' as const,
        action_id: `${ACTION_IDS.askFollowUp}_${i}`,
        text: { type: 'plain_text' as const, text: short(f.label, LIMITS.buttonText) },
        value: f.question,
      })),
    });
  }
  return { text: fallback(`${a.readAs}: ${a.text.split('\n')[0] ?? ''}`), blocks };
}
