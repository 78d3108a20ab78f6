import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL store's migrations (drizzle.config.ts is SQLite's). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/adapters/postgres/schema.ts',
  out: './drizzle-pg',
  casing: 'snake_case',
});
