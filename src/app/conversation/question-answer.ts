/**
 * What dealfit says back to a question in plain words: the reading (so a misreading shows at
 * once), the answer in words, the figures behind it, a chart when one says more than the
 * words, and 2–3 follow-ups to ask in the same thread. Plain data: the Slack blocks, the
 * local workspace and `dealfit ask --json` all render this one shape.
 */
import type { PeriodPoint } from '../../domain/period-rates.js';
import type { SegmentRate } from '../queries/query-results.js';
import type { Understood } from './understood.js';

export interface FollowUp {
  /** the button's words */
  label: string;
  /** what is asked in the thread when it is pressed */
  question: string;
}

export type QuestionChart =
  | { kind: 'segments'; title: string; subtitle: string; segments: SegmentRate[] }
  | { kind: 'trend'; title: string; subtitle: string; points: PeriodPoint[] };

export interface QuestionAnswer {
  understood: Understood;
  /** "win rate · FinTech · closed 2026-01-01 to 2026-03-31" */
  readAs: string;
  /** the answer in plain words (Slack mrkdwn) */
  text: string;
  /** the figures, as the queries returned them; null when nothing was computed */
  answer: unknown;
  /** the data's as-of date; null with no deals */
  asOf: string | null;
  followUps: FollowUp[];
  chart: QuestionChart | null;
}
