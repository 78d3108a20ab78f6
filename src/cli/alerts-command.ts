import { type AlertKeyListing, listAlertKeys } from '../app/alerts/alert-list.js';
import { openStore } from '../wiring/open-store.js';
import { type Command, emit } from './command.js';

const at = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

function stateText(a: AlertKeyListing): string {
  const snoozed = a.snoozed
    ? ` · snoozed by ${a.snoozed.userId} until ${at(a.snoozed.until)} UTC`
    : '';
  return `${a.state}${snoozed}`;
}

export const alertsListCommand: Command = {
  path: ['alerts', 'list'],
  summary: 'Every alert key with its state (active, resolved, snoozed until) and its history',
  usage: 'alerts list [--db PATH] [--json]',
  help: [
    'History: sent (or over budget, folded into the digest, post failed), edited in place,',
    'resolved, snoozed (who, until when) and feedback, oldest first. Times are UTC.',
  ].join('\n'),
  async run(ctx) {
    const opened = await openStore({ dbPath: ctx.dbPath, databaseUrl: ctx.config.databaseUrl });
    try {
      const keys = await listAlertKeys(opened.store, ctx.now().toISOString());
      emit(ctx, { alerts: keys }, () =>
        keys.length === 0
          ? 'no alerts yet (the sweep runs after each `dealfit jobs run metrics`)'
          : keys
              .map((a) =>
                [
                  `${a.key} (${a.severity}, ${a.destination}): ${stateText(a)}`,
                  ...a.history.map(
                    (h) =>
                      `  ${at(h.at)}  ${h.event.padEnd(11)} ${[h.userId, h.until ? `until ${at(h.until)}` : '', h.detail].filter(Boolean).join(' · ')}`,
                  ),
                ].join('\n'),
              )
              .join('\n'),
      );
      return 0;
    } finally {
      await opened.close();
    }
  },
};
