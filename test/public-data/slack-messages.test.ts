/**
 * Every message type built from figures computed on ../shared/data/deals.csv (not
 * hand-made fixtures), each validated against Slack's limits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppHome } from '../../src/adapters/slack/blocks/app-home.js';
import { buildAuditAnswer } from '../../src/adapters/slack/blocks/audit-answer.js';
import { buildColeadCard } from '../../src/adapters/slack/blocks/colead-card.js';
import { buildMomentumAlert } from '../../src/adapters/slack/blocks/momentum-alert.js';
import { buildRepAudit } from '../../src/adapters/slack/blocks/rep-audit.js';
import { buildRsfsCard } from '../../src/adapters/slack/blocks/rsfs-card.js';
import { buildWeeklyDigest } from '../../src/adapters/slack/blocks/weekly-digest.js';
import { buildWinRateAlert } from '../../src/adapters/slack/blocks/win-rate-alert.js';
import { buildWinRateAnswer } from '../../src/adapters/slack/blocks/winrate-answer.js';
import type { Db } from '../../src/adapters/storage/database.js';
import { readPipelineHealth } from '../../src/adapters/storage/pipeline-health.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import { runMetrics } from '../../src/app/jobs/metrics-run.js';
import {
  queryAudit,
  queryDrivers,
  queryMomentum,
  queryRsfs,
  queryWinRate,
} from '../../src/app/queries/metric-queries.js';
import type { WinRateResult } from '../../src/app/queries/query-results.js';
import { readHomeInput } from '../../src/wiring/create-app.js';
import { assertWithinSlackLimits, homeViewSchema } from '../helpers/slack-limits.js';
import { createTestDb } from '../helpers/test-db.js';
import { loadSharedDeals } from './shared-deals.js';

let db: Db;
/** the same deals with the newest reopened, so there is an open pipeline with flags */
let dbOpen: Db;
let rolling: WinRateResult;

beforeAll(async () => {
  db = createTestDb();
  loadSharedDeals(db);
  rolling = await queryWinRate(createSqliteStore(db), { window: 90 });
  dbOpen = createTestDb();
  loadSharedDeals(dbOpen);
  // The sample has no open deals; reopen the newest ones so there is a pipeline to show.
  dbOpen.$client
    .prepare(
      "update deals set outcome = null, closed_date = null, cycle_days = null where created_date >= '2024-03-01'",
    )
    .run();
  await runMetrics(createSqliteStore(dbOpen), { now: () => new Date('2024-07-21T06:00:00Z') });
});

describe('messages from real computed data', () => {
  it('win-rate answers (every dimension, both windows) and the threshold alert', async () => {
    for (const by of ['industry', 'region', 'product', 'leadSource', 'rep'] as const) {
      for (const window of [90, 'all'] as const) {
        const message = buildWinRateAnswer(
          await queryWinRate(createSqliteStore(db), { by, window }),
        );
        assertWithinSlackLimits(message);
        expect(message.text).toContain('data as of 2024-07-20');
      }
    }
    const alert = buildWinRateAlert({
      report: rolling,
      threshold: 0.5,
      severity: 'HIGH',
      actions: ['Audit inbound lead qualification criteria'],
    });
    assertWithinSlackLimits(alert);
    expect(JSON.stringify(alert.blocks)).toContain(`n = ${rolling.overall.n}`);
  });

  it('the momentum alert on the quarter the metrics doc pins (Inbound, 2024-Q2)', async () => {
    const report = await queryMomentum(createSqliteStore(db), { asOf: '2024-06-30' });
    const message = buildMomentumAlert({
      report,
      severity: 'MEDIUM',
      actions: ['Review lead scoring for inbound'],
    });
    assertWithinSlackLimits(message);
    expect(message.text).toContain('Inbound');
    expect(JSON.stringify(message.blocks)).toContain('48.8%');
    expect(JSON.stringify(message.blocks)).toContain('40.5%');
  });

  it('the RSFS card and the co-lead card of a RED open deal', async () => {
    const red = readPipelineHealth(dbOpen).redDeals[0];
    expect(red).toBeDefined();
    const rsfs = await queryRsfs(createSqliteStore(dbOpen), { dealId: red!.dealId });
    expect((await rsfs).flag).toBe('RED');
    assertWithinSlackLimits(buildRsfsCard(await rsfs));
    const [colead, ...rest] = (await rsfs).coleadCandidates;
    const card = buildColeadCard({
      rsfs,
      assignmentId: '1',
      colead: colead ?? null,
      ...(colead ? {} : { noneReason: 'no candidate' }),
      lift: null,
      alternates: rest.slice(0, 2),
      evidence: null,
    });
    assertWithinSlackLimits(card);
    expect(card.text).toContain(red!.dealId);
    expect(card.text).toContain('RED');
  });

  it('the monthly audit, the /audit answer and the weekly digest', async () => {
    const audit = await queryAudit(createSqliteStore(db), {});
    assertWithinSlackLimits(buildRepAudit(audit));
    assertWithinSlackLimits(buildAuditAnswer(audit));
    const open = db.$client
      .prepare(
        'select count(*) as n, coalesce(sum(amount), 0) as amount from deals where outcome is null',
      )
      .get() as { n: number; amount: number };
    const digest = buildWeeklyDigest({
      weekOf: '2024-07-22',
      winRate: rolling,
      pipeline: { openDeals: open.n, openAmount: open.amount },
      avgRsfs: null,
      momentum: await queryMomentum(createSqliteStore(db), {}),
      redDeals: readPipelineHealth(db).flags.RED,
      colead: null,
      drivers: await queryDrivers(createSqliteStore(db), {}),
    });
    assertWithinSlackLimits(digest);
    expect(JSON.stringify(digest.blocks)).toContain(`${open.n} open deals`);
  });

  it('the App Home from the latest metrics run', async () => {
    const home = await readHomeInput(createSqliteStore(dbOpen), async () =>
      queryWinRate(createSqliteStore(dbOpen), { window: 90 }),
    );
    const view = buildAppHome(home);
    assertWithinSlackLimits(view, homeViewSchema);
    const flags = home.flags;
    expect(flags.RED + flags.YELLOW + flags.GREEN).toBeGreaterThan(0);
    expect(JSON.stringify(view)).toContain(`RED ${flags.RED}`);
  });
});
