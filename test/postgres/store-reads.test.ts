/**
 * The PostgreSQL store reads what the SQLite store reads from the same rows: the deal table
 * of the metrics run (same rows, same order), the digest's and App Home's queries, status,
 * hygiene, the /metrics counts, and the metric rows written back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePostgres, openPostgres, type PgDb } from '../../src/adapters/postgres/database.js';
import { createPgDealWriter } from '../../src/adapters/postgres/deal-writer.js';
import { createPostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import type { Db } from '../../src/adapters/storage/database.js';
import { createDealWriter } from '../../src/adapters/storage/deal-writer.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import type { Deal } from '../../src/domain/deal.js';
import { noBlanks } from '../../src/domain/deal-fields.js';
import { freshDatabase, type TestDatabase } from '../helpers/postgres-server.js';
import { createTestDb } from '../helpers/test-db.js';

/** A few hundred varied deals: open, won, lost, blanks, re-assigned, ids of mixed case. */
function sampleDeals(): Deal[] {
  const out: Deal[] = [];
  const industries = ['SaaS', 'Retail', null, 'Health'];
  for (let i = 0; i < 400; i++) {
    const closed = i % 3 !== 0;
    const created = `2024-0${1 + (i % 6)}-${String(1 + (i % 27)).padStart(2, '0')}`;
    out.push({
      id: i % 50 === 7 ? `d-${String(i).padStart(5, '0')}` : `D-${String(i).padStart(5, '0')}`,
      createdDate: created,
      closedDate: closed ? `2024-07-${String(1 + (i % 28)).padStart(2, '0')}` : null,
      assignedDate: i % 17 === 0 ? '2024-06-15' : null,
      repId: `rep_${i % 9}`,
      industry: industries[i % 4]!,
      region: i % 11 === 0 ? null : ['EMEA', 'APAC', 'NA'][i % 3]!,
      product: ['Core', 'Plus'][i % 2]!,
      leadSource: ['Inbound', 'Outbound', 'Partner'][i % 3]!,
      stage: closed ? 'Closed' : 'Qualified',
      amount: i % 13 === 0 ? null : 1000 + i * 37.25,
      cycleDays: closed ? 30 + (i % 90) : null,
      outcome: closed ? (i % 5 < 2 ? 'won' : 'lost') : null,
    });
  }
  return out;
}

describe('PostgreSQL reads as SQLite reads', () => {
  let database: TestDatabase;
  let pgDb: PgDb;
  let sqlite: Db;
  const at = '2024-07-31T06:00:00.000Z';

  beforeAll(async () => {
    database = await freshDatabase();
    pgDb = await openPostgres(database.url);
    sqlite = createTestDb();
    const deals = sampleDeals();
    const s = createDealWriter(sqlite);
    const p = createPgDealWriter(pgDb);
    await s.begin();
    await p.begin();
    const runS = await s.createRun('csv', 'deals.csv', at);
    const runP = await p.createRun('csv', 'deals.csv', at);
    await s.isStoreEmpty();
    await p.isStoreEmpty();
    await s.insertNewMany(deals, 'csv:deals.csv', runS, at);
    await p.insertNewMany(deals, 'csv:deals.csv', runP, at);
    const entry = { line: 9, recordId: 'X', raw: 'X,,', reasons: ['created_date is missing'] };
    await s.quarantineMany(runS, 'csv:deals.csv', [entry], at);
    await p.quarantineMany(runP, 'csv:deals.csv', [entry], at);
    const counts = {
      rows: 401,
      inserted: 400,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      quarantined: 1,
    };
    const outcome = { watermark: null, error: null, dataAsOf: '2024-07-28' };
    await s.finishRun(runS, 'succeeded', at, { ...counts, blanks: noBlanks() }, outcome);
    await p.finishRun(runP, 'succeeded', at, { ...counts, blanks: noBlanks() }, outcome);
    // a later sync changes a few (their rows move in PostgreSQL's heap, not in SQLite's)
    const changed = deals.slice(0, 40).map((d) => ({ ...d, stage: 'Negotiation', amount: 5 }));
    await s.upsertMany(changed, 'salesforce', runS, at);
    await p.upsertMany(changed, 'salesforce', runP, at);
    await s.markDeletedMany(['D-00003'], runS, at);
    await p.markDeletedMany(['D-00003'], runP, at);
    await s.commit();
    await p.commit();

    // a metrics run, co-leads and alerts, the same on both
    const stores = [createSqliteStore(sqlite), createPostgresStore(pgDb)];
    const open = deals.filter((d) => d.outcome === null);
    const run = {
      asOf: '2024-07-28',
      computedAt: at,
      metrics: [
        {
          metric: 'winrate_all',
          dimension: '',
          segment: '',
          value: 0.4,
          won: 100,
          n: 250,
          ciLo: 0.3,
          ciHi: 0.5,
          detail: { p: 0.01 },
        },
        {
          metric: 'velocity',
          dimension: '',
          segment: '',
          value: 12.5,
          won: null,
          n: null,
          ciLo: null,
          ciHi: null,
          detail: { deals: 3 },
        },
        {
          metric: 'winrate_all',
          dimension: 'industry',
          segment: 'SaaS',
          value: 1 / 3,
          won: 1,
          n: 3,
          ciLo: null,
          ciHi: null,
          detail: undefined,
        },
      ],
      scores: open.map((d, i) => ({
        dealId: d.id,
        rsfs: i / 7,
        ciLo: 0,
        ciHi: 1,
        rawWon: i,
        rawN: i + 1,
        source: 'rep',
        flag: ['RED', 'YELLOW', 'GREEN'][i % 3]!,
        percentile: i / open.length,
      })),
      audit: { month: '2024-07', result: { reps: [] } },
    };
    for (const store of stores) {
      await store.metrics.writeRun(run);
      await store.metrics.writeModelVersion({
        asOf: '2024-07-28',
        computedAt: at,
        model: {
          version: 'v1',
          trainFrom: null,
          trainTo: null,
          validFrom: null,
          validTo: null,
          nTrain: 10,
          nValid: 5,
          aucRsfs: 0.7,
          aucDeal: null,
          aucCombined: 0.71,
          result: { k: 1 },
        },
      });
      for (const [i, d] of open.slice(0, 6).entries()) {
        const row = await store.coleads.insertIfNone({
          dealId: d.id,
          ownerRepId: d.repId,
          coleadRepId: 'rep_8',
          state: 'proposed',
          industry: d.industry ?? '(not set)',
          lift: 0.1 * i,
          liftLo: i % 2 ? 0.05 : -0.05,
          liftHi: 0.3,
          proposedAt: '2024-07-27T09:00:00.000Z',
          expiresAt: '2024-08-03T09:00:00.000Z',
        });
        if (i % 2 === 0) {
          await store.coleads.transition(row!.id, 'approve', {
            actedBy: 'U1',
            actedAt: '2024-07-28T09:00:00.000Z',
          });
        }
      }
      await store.alerts.insert({
        key: 'momentum:SaaS',
        type: 'momentum',
        severity: 'HIGH',
        destination: 'channel',
        status: 'sent',
        reason: 'r',
        isoWeek: '2024-W31',
        asOf: '2024-07-28',
        payload: '{}',
        createdAt: at,
      });
    }
  });

  afterAll(async () => {
    sqlite.$client.close();
    await closePostgres(pgDb);
    await database.drop();
  });

  it('loads the same deal table, row for row in the same order', async () => {
    const s = await createSqliteStore(sqlite).deals.loadTable('2024-07-28');
    const p = await createPostgresStore(pgDb).deals.loadTable('2024-07-28');
    expect(p).toEqual(s);
  });

  it('answers the deal, metric, co-lead and alert reads alike', async () => {
    const s = createSqliteStore(sqlite);
    const p = createPostgresStore(pgDb);
    const reads: Array<[string, () => unknown, () => Promise<unknown>]> = [
      ['dataAsOf', () => s.deals.dataAsOf(), () => p.deals.dataAsOf()],
      ['findRef', () => s.deals.findRef('D-00003'), () => p.deals.findRef('D-00003')],
      ['candidates', () => s.deals.candidateIds('D-7'), () => p.deals.candidateIds('D-7')],
      [
        'candidates case',
        () => s.deals.candidateIds('D-00007'),
        () => p.deals.candidateIds('D-00007'),
      ],
      ['dataVersion', () => s.deals.dataVersion(), () => p.deals.dataVersion()],
      ['hygiene', () => s.deals.hygiene(), () => p.deals.hygiene()],
      [
        'figure',
        () => s.metrics.figureAtOrBefore('winrate_all', '2024-07-30'),
        () => p.metrics.figureAtOrBefore('winrate_all', '2024-07-30'),
      ],
      [
        'velocity',
        () => s.metrics.velocityAtOrBefore('2024-07-30'),
        () => p.metrics.velocityAtOrBefore('2024-07-30'),
      ],
      [
        'countRows',
        () => s.metrics.countRows('2024-07-28'),
        () => p.metrics.countRows('2024-07-28'),
      ],
      ['pipeline', () => s.metrics.pipeline(), () => p.metrics.pipeline()],
      ['red', () => s.metrics.countRedOpenDeals(), () => p.metrics.countRedOpenDeals()],
      [
        'coleadWeek',
        () => s.metrics.coleadWeek('2024-07-21', '2024-07-28'),
        () => p.metrics.coleadWeek('2024-07-21', '2024-07-28'),
      ],
      ['drivers', () => s.metrics.latestDriversResult(), () => p.metrics.latestDriversResult()],
      [
        'driversBefore',
        () => s.metrics.driversResultBefore('2024-07-29'),
        () => p.metrics.driversResultBefore('2024-07-29'),
      ],
      [
        'redOutcomes',
        () => s.metrics.redOutcomes('2024-01-01'),
        () => p.metrics.redOutcomes('2024-01-01'),
      ],
      ['coleads', () => s.coleads.list(), () => p.coleads.list()],
      [
        'redWithout',
        () => s.coleads.redDealsWithoutProposal(),
        () => p.coleads.redDealsWithoutProposal(),
      ],
      ['openDeal', () => s.coleads.openDeal('D-00006'), () => p.coleads.openDeal('D-00006')],
      [
        'pairings',
        () => s.coleads.approvedPairings('2024-07-01', '2024-07-31'),
        () => p.coleads.approvedPairings('2024-07-01', '2024-07-31'),
      ],
      [
        'repLoad',
        async () => (await s.coleads.repLoads()).get('rep_8'),
        async () => (await p.coleads.repLoads()).get('rep_8'),
      ],
      [
        'repLoad owner',
        async () => (await s.coleads.repLoads()).get('rep_0'),
        async () => (await p.coleads.repLoads()).get('rep_0'),
      ],
      ['ledger', () => s.alerts.ledger('2024-W31'), () => p.alerts.ledger('2024-W31')],
      ['history', () => s.alerts.history(), () => p.alerts.history()],
      [
        'liveIds',
        () => s.ingest.liveDealIds('csv:deals.csv'),
        () => p.ingest.liveDealIds('csv:deals.csv'),
      ],
      ['syncHealth', () => s.syncs.health('csv'), () => p.syncs.health('csv')],
      ['ops', () => s.ops.counts(), () => p.ops.counts()],
      ['pipelineHealth', () => s.database.pipelineHealth(), () => p.database.pipelineHealth()],
      ['status', () => s.database.status(), () => p.database.status()],
      ['lastSync', () => s.database.lastSync(), () => p.database.lastSync()],
      ['ping', () => s.database.ping(), () => p.database.ping()],
      [
        'quarantine',
        () => s.database.quarantine({ limit: 10 }),
        () => p.database.quarantine({ limit: 10 }),
      ],
      ['blankDeals', () => s.database.blankDeals(5), () => p.database.blankDeals(5)],
      [
        'repIds',
        async () => (await s.deals.liveRepIds()).sort(),
        async () => (await p.deals.liveRepIds()).sort(),
      ],
    ];
    const stateOf = async (store: typeof s) => {
      const probed = await store.database.probe().check();
      if (!probed.ok) throw new Error(probed.error);
      return { deals: probed.value.deals, dataAsOf: probed.value.dataAsOf };
    };
    reads.push(['probe (deals, data as of)', () => stateOf(s), () => stateOf(p)]);
    const pgProbed = await p.database.probe().check();
    expect(pgProbed.ok && pgProbed.value.migrations).toEqual({
      shipped: 1,
      applied: 1,
      latest: '0000_initial',
    });
    expect((await p.database.migrations()).state).toBe('applied');
    for (const [name, fromSqlite, fromPg] of reads) {
      expect({ name, value: await fromPg() }).toEqual({ name, value: await fromSqlite() });
    }
  });
});
