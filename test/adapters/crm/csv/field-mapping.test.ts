import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultMapping,
  loadMappingFile,
  MappingError,
  mapValue,
  parseMapping,
  resolveColumns,
} from '../../../../src/adapters/crm/csv/field-mapping.js';

const CANONICAL_HEADER =
  'deal_id,created_date,closed_date,sales_rep_id,industry,region,product_type,lead_source,deal_stage,deal_amount,sales_cycle_days,outcome'.split(
    ',',
  );
const dir = mkdtempSync(join(tmpdir(), 'dealfit-mapping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('field mapping', () => {
  it('defaults to the canonical header, in any order, ignoring case, spaces and extra columns', () => {
    const header = ['Notes', ...[...CANONICAL_HEADER].reverse().map((h) => ` ${h.toUpperCase()} `)];
    const index = resolveColumns(header, defaultMapping());
    expect(index.deal_id).toBe(header.length - 1);
    expect(index.outcome).toBe(1);
    expect(defaultMapping().dateFormat).toBe('YYYY-MM-DD');
  });

  it('treats sales_cycle_days as optional and names every missing required column', () => {
    const without = CANONICAL_HEADER.filter((h) => h !== 'sales_cycle_days');
    expect(resolveColumns(without, defaultMapping()).sales_cycle_days).toBe(-1);
    const missing = CANONICAL_HEADER.filter((h) => h !== 'region' && h !== 'outcome');
    expect(() => resolveColumns(missing, defaultMapping())).toThrow(
      /^missing required columns region, outcome; the header is: deal_id, created_date/,
    );
  });

  it('says when the first line is data rather than a header', () => {
    const row =
      'D00001,2023-11-24,2023-12-15,rep_22,SaaS,North America,Enterprise,Referral,Qualified,4253,21,Won';
    expect(() => resolveColumns(row.split(','), defaultMapping())).toThrow(
      /^the first line is not a header \(it holds data such as "2023-11-24"\): missing required columns deal_id/,
    );
  });

  it('rejects a used column that appears twice, but not an unused one', () => {
    expect(() => resolveColumns([...CANONICAL_HEADER, 'deal_id'], defaultMapping())).toThrow(
      'the header has the column "deal_id" (deal_id) twice',
    );
    expect(() =>
      resolveColumns([...CANONICAL_HEADER, 'Notes', 'notes'], defaultMapping()),
    ).not.toThrow();
  });

  it('loads the shipped HubSpot example and maps its columns and values', () => {
    const mapping = loadMappingFile(
      resolve(import.meta.dirname, '../../../../examples/mapping.hubspot.json'),
    );
    expect(mapping.dateFormat).toBe('MM/DD/YYYY');
    expect(mapping.ignoreCloseDateOfOpenDeals).toBe(true);
    expect(mapping.columns.deal_id).toBe('Record ID');
    expect(mapping.columns.sales_cycle_days).toBeNull();
    expect(mapValue(mapping.values.outcome, 'closed WON')).toBe('won');
    expect(mapValue(mapping.values.outcome, 'Contract Sent')).toBe('');
    expect(mapValue(mapping.values.industry, 'Computer Software')).toBe('SaaS');
    expect(mapValue(mapping.values.industry, 'Biotech')).toBe('Biotech');
    expect(mapValue(mapping.values.outcome, '')).toBe('');
    expect(mapValue(undefined, 'x')).toBe('x');
  });

  it('reports each invalid field of a mapping with its path', () => {
    const attempt = () =>
      parseMapping(
        {
          columns: { deal_id: '', dealid: 'x' },
          values: { outcome: { Yes: 'maybe' } },
          dateFormat: 'DD.MM.YYYY',
        },
        'mapping file m.json',
      );
    expect(attempt).toThrow(MappingError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('mapping file m.json is not a valid field mapping:');
    expect(message).toContain('columns.deal_id: expected a column name, got an empty string');
    expect(message).toMatch(/columns: Unrecognized key.*dealid/);
    expect(message).toContain(
      'values.outcome.Yes: an outcome maps to "won", "lost" or "open", not "maybe"',
    );
    expect(message).toContain('dateFormat: expected one of YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY');
  });

  it('names a missing file and a file that is not JSON', () => {
    expect(() => loadMappingFile(join(dir, 'nope.json'))).toThrow(
      /mapping file .*nope.json not found/,
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "columns": ');
    expect(() => loadMappingFile(bad)).toThrow(/mapping file .*bad.json is not valid JSON/);
  });

  it('parses the example in the README\'s "Data format" section', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Data format'));
    const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '';
    const mapping = parseMapping(JSON.parse(json), 'README');
    expect(mapping.columns.outcome).toBe('Deal Stage');
    expect(mapValue(mapping.values.outcome, 'Appointment scheduled')).toBe('');
  });
});
