import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadMapping,
  MappingFileError,
  parseMapping,
  selectedFields,
  toSourceRecord,
} from '../../../../src/adapters/crm/salesforce/mapping.js';
import { opportunitySoqlFor } from '../../../../src/adapters/crm/salesforce/opportunity-batches.js';
import { FAKE_ORG_MAPPING } from '../../../helpers/fake-salesforce-data.js';

const mapping = parseMapping(FAKE_ORG_MAPPING);

function opportunity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    attributes: { type: 'Opportunity', url: '/services/data/v62.0/sobjects/Opportunity/006A' },
    Id: '006000000000001AAA',
    IsDeleted: false,
    SystemModstamp: '2024-06-01T10:00:00.000+0000',
    IsClosed: true,
    IsWon: true,
    CreatedDate: '2024-01-10T23:30:00.000+0000',
    CloseDate: '2024-02-09',
    Owner: { attributes: { type: 'User' }, Email: 'rep3@acme.example' },
    Account: { attributes: { type: 'Account' }, Industry: 'Finance' },
    Region__c: 'EMEA',
    Product_Type__c: 'Pro',
    LeadSource: 'Partner Referral',
    StageName: 'Closed Won',
    Amount: 12500,
    ...overrides,
  };
}

describe('Salesforce mapping', () => {
  it('maps standard, custom and related fields, outcome and owners to canonical fields', () => {
    const record = toSourceRecord(opportunity(), mapping);
    expect(record.fields).toEqual({
      deal_id: '006000000000001AAA',
      created_date: '2024-01-10',
      closed_date: '2024-02-09',
      sales_rep_id: 'rep_3',
      industry: 'FinTech',
      region: 'Europe',
      product_type: 'Pro',
      lead_source: 'Referral',
      deal_stage: 'Closed',
      deal_amount: '12500',
      sales_cycle_days: '30',
      outcome: 'Won',
    });
    expect(record.recordId).toBe('006000000000001AAA');
    expect(record.rejected).toBeUndefined();
    expect(JSON.parse(record.raw)).not.toHaveProperty('attributes');
    expect(JSON.parse(record.raw).Account.Industry).toBe('Finance');
  });

  it('leaves an open deal without outcome and closed date (CloseDate is only expected)', () => {
    const record = toSourceRecord(
      opportunity({ IsClosed: false, IsWon: false, StageName: 'Needs Analysis' }),
      mapping,
    );
    expect(record.fields).toMatchObject({
      outcome: '',
      closed_date: '',
      sales_cycle_days: '',
      deal_stage: 'Demo',
    });
    const lost = toSourceRecord(opportunity({ IsWon: false, StageName: 'Closed Lost' }), mapping);
    expect(lost.fields.outcome).toBe('Lost');
  });

  it('rejects unmapped picklist values, missing or unknown owners and negative amounts, with reasons', () => {
    expect(
      toSourceRecord(opportunity({ Account: { Industry: 'Agriculture' } }), mapping).rejected,
    ).toEqual([
      'unmapped industry value "Agriculture" (Account.Industry): add it to values.industry in the mapping file',
    ]);
    expect(toSourceRecord(opportunity({ Owner: null }), mapping).rejected).toEqual([
      'missing owner: Owner.Email is empty',
    ]);
    expect(
      toSourceRecord(opportunity({ Owner: { Email: 'new@acme.example' } }), mapping).rejected,
    ).toEqual(['owner "new@acme.example" has no rep id in the mapping\'s "owners"']);
    expect(toSourceRecord(opportunity({ Amount: -50 }), mapping).rejected).toEqual([
      'negative amount -50 in Amount',
    ]);
  });

  it('uses "*" as a catch-all value and passes values through when a field has no map', () => {
    const m = parseMapping({
      ...FAKE_ORG_MAPPING,
      values: { industry: { Finance: 'FinTech', '*': 'Other' } },
      owners: undefined,
      fields: { ...FAKE_ORG_MAPPING.fields, sales_rep_id: 'Owner.Rep_Code__c' },
    });
    const r = toSourceRecord(
      opportunity({ Account: { Industry: 'Mining' }, Owner: { Rep_Code__c: 'rep_9' } }),
      m,
    );
    expect(r.fields).toMatchObject({ industry: 'Other', region: 'EMEA', sales_rep_id: 'rep_9' });
    expect(r.rejected).toBeUndefined();
  });

  it('builds one ordered SOQL query with the overlap behind the watermark', () => {
    expect(selectedFields(mapping).slice(0, 5)).toEqual([
      'Id',
      'IsDeleted',
      'SystemModstamp',
      'IsClosed',
      'IsWon',
    ]);
    expect(opportunitySoqlFor(mapping, { watermark: '2024-06-01T10:00:00.000Z' })).toBe(
      'SELECT Id, IsDeleted, SystemModstamp, IsClosed, IsWon, CreatedDate, CloseDate, Owner.Email, Account.Industry, Region__c, Product_Type__c, LeadSource, StageName, Amount FROM Opportunity WHERE SystemModstamp > 2024-06-01T09:55:00Z ORDER BY SystemModstamp ASC, Id ASC',
    );
    const filtered = parseMapping({ ...FAKE_ORG_MAPPING, filter: "Type = 'New Business'" });
    expect(opportunitySoqlFor(filtered, {})).toMatch(
      /FROM Opportunity WHERE \(Type = 'New Business'\) ORDER BY/,
    );
  });

  it('reports every problem of a bad mapping file by path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-mapping-'));
    try {
      const path = join(dir, 'm.json');
      writeFileSync(
        path,
        JSON.stringify({ fields: { region: 'Region__c; DELETE', industry: 1 }, extra: true }),
      );
      const error = (() => {
        try {
          loadMapping(path);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error).toBeInstanceOf(MappingFileError);
      expect(error?.message).toContain('fields.region: a Salesforce field such as');
      expect(error?.message).toContain('fields.industry');
      expect(error?.message).toContain('fields.product_type');
      expect(error?.message).toMatch(/extra/);
      writeFileSync(path, '{ nope');
      expect(() => loadMapping(path)).toThrow(/is not valid JSON/);
      expect(() => loadMapping(join(dir, 'missing.json'))).toThrow(/cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the README mapping example', () => {
  it('is a valid mapping file', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Connecting Salesforce'));
    const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '';
    const m = parseMapping(JSON.parse(json), 'README');
    expect(m.fields.sales_rep_id).toBe('Owner.Rep_Code__c');
    expect(m.values.industry?.['*']).toBe('Other');
  });
});
