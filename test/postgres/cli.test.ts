/**
 * The CLI on PostgreSQL (DATABASE_URL): import the sample CSV, then status, the metrics run
 * and a query read it back, the same numbers as on a SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../helpers/postgres-server.js';
import { runDealfit } from '../helpers/run-cli.js';
import { sampleDealsCsv } from '../helpers/sample-deals.js';
import { createTempDbPath } from '../helpers/test-db.js';

describe('the CLI on PostgreSQL', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  const file = createTempDbPath();
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database.drop();
    file.cleanup();
  });
  const onPg = (argv: string[]) => runDealfit(argv, { DATABASE_URL: database.url });
  const onSqlite = (argv: string[]) => runDealfit([...argv, '--db', file.path]);

  it('imports, reports and computes what the SQLite file does', async () => {
    const csv = await sampleDealsCsv();
    const [pgImport, sqliteImport] = [
      await onPg(['import', csv, '--json']),
      await onSqlite(['import', csv, '--json']),
    ];
    expect(pgImport.code).toBe(0);
    const strip = (r: Record<string, unknown>) => ({ ...r, seconds: 0 });
    expect(strip(pgImport.json() as Record<string, unknown>)).toEqual(
      strip(sqliteImport.json() as Record<string, unknown>),
    );
    const pgStatus = (await onPg(['status', '--json'])).json() as Record<string, unknown>;
    const sqliteStatus = (await onSqlite(['status', '--json'])).json() as Record<string, unknown>;
    for (const key of ['deals', 'dataAsOf', 'quarantined', 'hygiene']) {
      expect({ key, value: pgStatus[key] }).toEqual({ key, value: sqliteStatus[key] });
    }
    const text = (await onPg(['status'])).stdout;
    const u = new URL(database.url);
    expect(text).toContain(`database:    PostgreSQL ${u.hostname}:${u.port}${u.pathname}`);
    const runs = [
      await onPg(['metrics', 'run', '--json']),
      await onSqlite(['metrics', 'run', '--json']),
    ];
    const summary = (r: { json: () => unknown }) => {
      const { timings: _, ...rest } = r.json() as Record<string, unknown>;
      return rest;
    };
    expect(summary(runs[0]!)).toEqual(summary(runs[1]!));
    for (const argv of [
      ['hygiene', '--json'],
      ['quarantine', '--json'],
      ['jobs', 'list', '--json'],
    ]) {
      const [pgOut, sqliteOut] = [await onPg(argv), await onSqlite(argv)];
      expect({ argv, code: pgOut.code, out: pgOut.json() }).toEqual({
        argv,
        code: sqliteOut.code,
        out: sqliteOut.json(),
      });
    }
    const [pgRate, sqliteRate] = [
      await onPg(['winrate', '--json']),
      await onSqlite(['winrate', '--json']),
    ];
    expect(pgRate.code).toBe(0);
    expect(pgRate.json()).toEqual(sqliteRate.json());
  });
});
