import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePostgres, openPostgres } from '../../src/adapters/postgres/database.js';
import { freshDatabase, type TestDatabase } from '../helpers/postgres-server.js';

describe('opening the PostgreSQL store', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('applies the migrations once even when two instances open the database together', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => openPostgres(database.url)));
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const applied = await client.query(
      'select count(*)::int as n from drizzle.__drizzle_migrations',
    );
    await client.end();
    expect(applied.rows[0].n).toBe(1);
    const tables = await a!.$client.query(
      "select count(*) as n from information_schema.tables where table_schema = 'public'",
    );
    expect(tables.rows[0].n).toBe(20);
    await Promise.all([a, b, c].map((db) => closePostgres(db!)));
  });

  it('names the host when the server is unreachable', async () => {
    const url = new URL(database.url);
    url.port = '1';
    await expect(openPostgres(url.toString(), { connectTimeoutMs: 2000 })).rejects.toThrow(
      /PostgreSQL at 127\.0\.0\.1:1\/dealfit_test_\w+ is unreachable/,
    );
  });
});
