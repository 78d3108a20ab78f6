/** A Proactive wired to the real builders, a test store and a recording messenger. */
import { buildAlertMessage } from '../../src/adapters/slack/blocks/alert-message.js';
import { buildColeadBatchSummary } from '../../src/adapters/slack/blocks/colead-batch.js';
import {
  buildColeadDm,
  buildColeadStateCard,
} from '../../src/adapters/slack/blocks/colead-state-card.js';
import { buildRepAudit } from '../../src/adapters/slack/blocks/rep-audit.js';
import { buildWeeklyDigest } from '../../src/adapters/slack/blocks/weekly-digest.js';
import type { Db } from '../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import { computeInThisThread } from '../../src/app/jobs/job-compute.js';
import { Proactive, type ProactiveDeps } from '../../src/app/jobs/proactive.js';
import type { Messenger } from '../../src/app/ports/messenger.js';

export function createProactive(
  db: Db,
  messenger: Messenger,
  now: () => Date,
  overrides: Partial<ProactiveDeps> = {},
): Proactive {
  const store = createSqliteStore(db);
  return new Proactive({
    store,
    messenger,
    charts: null,
    render: {
      alert: buildAlertMessage,
      colead: {
        card: buildColeadStateCard,
        dm: buildColeadDm,
        batchSummary: buildColeadBatchSummary,
      },
      digest: buildWeeklyDigest,
      audit: (report, pairings) => buildRepAudit(report, { pairings, variant: 'post' }),
    },
    settings: {
      timezone: 'America/New_York',
      channels: { alerts: 'CALERTS', managers: 'CMGRS', ops: 'COPS' },
      winRateThreshold: 0.43,
      alertBudget: 3,
      managerIds: ['UMGR1'],
      repUsers: {},
      coleadCapRatio: 0.8,
      coleadExpiryDays: 7,
      coleadWhenWeak: 'withhold',
    },
    compute: computeInThisThread(store),
    crm: null,
    now,
    ...overrides,
  });
}
