/**
 * CRM hygiene on the command line (metrics.md "Missing values"): the import summary counts
 * the blank fields, `dealfit status` shows them, `dealfit hygiene [--json]` lists the deals.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CANONICAL_HEADER } from '../../src/domain/deal-fields.js';
import { runDealfit } from '../helpers/run-cli.js';
import { createTempDbPath } from '../helpers/test-db.js';

const LINES = [
  'H1,2024-01-02,2024-02-01,rep_1,SaaS,Europe,Core,Inbound,Closed,1000,,Won',
  'H2,2024-01-03,2024-02-02,rep_1,,Europe,Core,Inbound,Closed,1000,,Lost',
  'H3,2024-01-04,2024-02-03,rep_2,,,Core,,Closed,,,Won',
  'H4,2024-01-05,,rep_2,FinTech,APAC,,Referral,,2500,,',
  'H5,2024-01-06,,rep_3,,APAC,Pro,Referral,Demo,,,',
];

describe('dealfit hygiene', () => {
  const temps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });

  async function imported() {
    const tmp = createTempDbPath();
    temps.push(tmp.cleanup);
    const csv = join(tmp.dir, 'deals.csv');
    writeFileSync(csv, `${CANONICAL_HEADER}\n${LINES.join('\n')}\n`);
    const result = await runDealfit(['import', csv, '--db', tmp.path]);
    return { ...tmp, csv, result };
  }

  it('the import imports every row and counts its blank fields per field, in text and JSON', async () => {
    const { result, path, csv } = await imported();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('5 rows: 5 inserted, 0 updated, 0 unchanged, 0 quarantined');
    expect(result.stdout).toContain(
      'blank fields: industry 3, region 1, product_type 1, lead_source 1, deal_stage 1, deal_amount 2 (listed by dealfit hygiene)',
    );
    const again = await runDealfit(['import', csv, '--db', path, '--json']);
    // an unchanged deal still has its blanks: every run reports what its deals lack
    expect(again.json()).toMatchObject({
      unchanged: 5,
      blanks: {
        industry: 3,
        region: 1,
        product_type: 1,
        lead_source: 1,
        deal_stage: 1,
        deal_amount: 2,
      },
    });
  });

  it('lists the deals per field, capped by --limit with the rest counted, and as JSON', async () => {
    const { path } = await imported();
    const text = await runDealfit(['hygiene', '--db', path, '--limit', '2']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      [
        'CRM hygiene: 4 deals of 5 have a blank field (industry 3, region 1, product_type 1, lead_source 1, deal_stage 1, deal_amount 2)',
        'industry blank: 3 deals',
        '  H2, H3 … and 1 more (--limit or --json)',
        'region blank: 1 deal',
        '  H3',
        'product_type blank: 1 deal',
        '  H4',
        'lead_source blank: 1 deal',
        '  H3',
        'deal_stage blank: 1 deal',
        '  H4',
        'deal_amount blank: 2 deals',
        '  H3, H5',
      ].join('\n'),
    );
    const json = (await runDealfit(['hygiene', '--db', path, '--json'])).json() as {
      deals: number;
      withBlanks: number;
      fields: Array<{ field: string; total: number; dealIds: string[] }>;
    };
    expect(json).toMatchObject({ deals: 5, withBlanks: 4, limit: 20 });
    expect(json.fields.find((f) => f.field === 'industry')).toEqual({
      field: 'industry',
      total: 3,
      dealIds: ['H2', 'H3', 'H5'],
    });
    const bad = await runDealfit(['hygiene', '--db', path, '--limit', '0']);
    expect(bad.code).toBe(2);
  });

  it("dealfit status shows the hygiene line and each run's blanks", async () => {
    const { path } = await imported();
    const status = await runDealfit(['status', '--db', path]);
    expect(status.stdout).toContain(
      'CRM hygiene: 4 deals of 5 have a blank field (industry 3, region 1, product_type 1, lead_source 1, deal_stage 1, deal_amount 2) (dealfit hygiene lists them)',
    );
    expect(status.stdout).toMatch(/quarantined 0, blank: industry 3, region 1, .*deal_amount 2/);
    const json = (await runDealfit(['status', '--db', path, '--json'])).json();
    expect(json).toMatchObject({
      hygiene: { deals: 5, withBlanks: 4, blanks: { industry: 3, deal_amount: 2 } },
    });
  });

  it('says when no deal has a blank field', async () => {
    const tmp = createTempDbPath();
    temps.push(tmp.cleanup);
    const csv = join(tmp.dir, 'deals.csv');
    writeFileSync(csv, `${CANONICAL_HEADER}\n${LINES[0]}\n`);
    const imported = await runDealfit(['import', csv, '--db', tmp.path]);
    expect(imported.stdout).toContain('blank fields: none');
    const text = await runDealfit(['hygiene', '--db', tmp.path]);
    expect(text.stdout).toBe('CRM hygiene: no deal has a blank field');
  });
});
