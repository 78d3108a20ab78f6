/**
 * A HIGH alert as an email: its title, the sentences that explain it (with n and
 * intervals, as the alert rules wrote them), what moved it, what to look at, "data as of"
 * and how to stop getting it. Sent once when the alert starts; Slack's message is the one
 * kept up to date.
 */
import type { EmailContent } from '../../app/ports/mailer.js';
import type { AlertCandidate } from '../../domain/alert-rules.js';
import { DIMENSION_LABELS, pp, rateText } from '../../domain/figure-words.js';
import { assemble, footer, heading, list, type Part, paragraph } from './html.js';

export const ALERT_EMAIL_VARIABLE = 'DEALFIT_ALERT_EMAILS';

function contributorLine(c: AlertCandidate['contributors'][number]): string {
  const label = DIMENSION_LABELS[c.dimension as keyof typeof DIMENSION_LABELS] ?? c.dimension;
  return `${label} ${c.segment}: ${pp(c.effect)} on the overall rate; ${rateText(c.previous)} → ${rateText(c.current)}`;
}

export function buildAlertEmail(
  alert: AlertCandidate,
  o: { asOf: string | null; at: string },
): EmailContent {
  const parts: Part[] = [
    paragraph(
      `${alert.severity} alert · raised ${o.at.slice(0, 10)} ${o.at.slice(11, 16)} UTC`,
      true,
    ),
  ];
  if (alert.context.length > 0) parts.push(list(alert.context));
  if (alert.contributors.length > 0) {
    parts.push(heading('Biggest contributors (associations, not causes)'));
    parts.push(list(alert.contributors.slice(0, 5).map(contributorLine)));
  }
  if (alert.actions.length > 0) {
    parts.push(heading('What to look at'), list(alert.actions));
  }
  parts.push(
    paragraph(
      'Its Slack message is kept up to date and says when the alert resolves; this email is sent once.',
      true,
    ),
    footer({ asOf: o.asOf, variable: ALERT_EMAIL_VARIABLE }),
  );
  const title = `${alert.severity}: ${alert.title}`;
  const body = assemble(title, parts);
  return { subject: `[dealfit] ${title}`, html: body.html, text: body.text };
}
