/**
 * `dealfit doctor`'s database lines on PostgreSQL (DATABASE_URL), through the real CLI:
 * the server and database named without the password, its migrations, its deals; an
 * unreachable server is one failing line naming it, with the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/app/doctor/checks.js';
import { freshDatabase, type TestDatabase } from '../helpers/postgres-server.js';
import { runDealfit } from '../helpers/run-cli.js';

describe('dealfit doctor on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const databaseLines = async (url: string) => {
    const res = await runDealfit(['doctor', '--json'], { DATABASE_URL: url });
    return (res.json() as DoctorReport).checks.filter((c) => c.area === 'database');
  };

  it('opens the database, migrates it and says it holds no deals yet', async () => {
    const u = new URL(database.url);
    const lines = await databaseLines(database.url);
    expect(lines).toMatchObject([
      { status: 'ok', name: `PostgreSQL ${u.hostname}:${u.port}${u.pathname}`, detail: 'opens' },
      { status: 'ok', name: 'migrations', detail: 'all 1 applied (latest 0000_initial)' },
      { status: 'warn', name: 'deals', detail: expect.stringMatching(/^no deals yet/) },
    ]);
    // the password as a credential (CI's test role is "dealfit", which the database name
    // "dealfit_test_…" contains too: a bare substring check would fail on a correct line)
    const said = JSON.stringify(lines);
    expect(said).not.toContain(`:${u.password}@`);
    expect(said).not.toContain(database.url);
  });

  it('fails on an unreachable server, naming it, with the fix', async () => {
    const u = new URL(database.url);
    u.port = '1';
    u.password = 'secret-password';
    const lines = await databaseLines(u.toString());
    expect(lines).toMatchObject([
      {
        status: 'fail',
        name: `PostgreSQL 127.0.0.1:1${u.pathname}`,
        detail: expect.stringMatching(
          /^cannot open: PostgreSQL at 127\.0\.0\.1:1\/\w+ is unreachable/,
        ),
        fix: expect.stringMatching(/^check DATABASE_URL/),
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret-password');
  });
});
