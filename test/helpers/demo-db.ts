/** Generated demo deals written straight into a test store (no CSV round trip). */
import type { Db } from '../../src/adapters/storage/database.js';
import {
  DEFAULT_DEMO_OPTIONS,
  type DemoOptions,
  generateDemoDeals,
} from '../../src/domain/demo-deals.js';
import { insertDeals } from './load-deals.js';

export function insertDemoDeals(db: Db, options: Partial<DemoOptions> = {}): number {
  const rows = [...generateDemoDeals({ ...DEFAULT_DEMO_OPTIONS, ...options })].map((d) => ({
    ...d,
    source: 'demo',
    updatedAt: '2024-06-30T00:00:00Z',
  }));
  insertDeals(db, rows);
  return rows.length;
}
