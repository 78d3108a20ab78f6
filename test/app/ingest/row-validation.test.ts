import { describe, expect, it } from 'vitest';
import {
  createRowValidator,
  createSchemaOnlyValidator,
  type RowValidationOptions,
} from '../../../src/app/ingest/row-validation.js';
import type { CanonicalField } from '../../../src/app/ports/ingest-source.js';

type Fields = Partial<Record<CanonicalField, string>>;

const GOOD: Fields = {
  deal_id: 'D00001',
  created_date: '2023-11-24',
  closed_date: '2023-12-15',
  sales_rep_id: 'rep_22',
  industry: 'SaaS',
  region: 'North America',
  product_type: 'Enterprise',
  lead_source: 'Referral',
  deal_stage: 'Qualified',
  deal_amount: '4253',
  sales_cycle_days: '21',
  outcome: 'Won',
};

const validate = createRowValidator();
const reasonsFor = (fields: Fields, options?: RowValidationOptions) => {
  const result = createRowValidator(options)({ fields });
  return result.ok ? [] : result.reasons;
};

describe('row validation', () => {
  it('turns a valid canonical record into a Deal', () => {
    expect(validate({ fields: GOOD })).toEqual({
      ok: true,
      deal: {
        id: 'D00001',
        createdDate: '2023-11-24',
        closedDate: '2023-12-15',
        assignedDate: null,
        repId: 'rep_22',
        industry: 'SaaS',
        region: 'North America',
        product: 'Enterprise',
        leadSource: 'Referral',
        stage: 'Qualified',
        amount: 4253,
        cycleDays: 21,
        outcome: 'won',
      },
    });
  });

  it('reads outcome in any letter case and trims stray spaces', () => {
    for (const outcome of ['won', 'WON', ' Won ', 'wOn']) {
      const result = validate({ fields: { ...GOOD, outcome, deal_id: ' D1 ' } });
      expect(result.ok && result.deal.outcome).toBe('won');
      expect(result.ok && result.deal.id).toBe('D1');
    }
    const lost = validate({ fields: { ...GOOD, outcome: 'LOST' } });
    expect(lost.ok && lost.deal.outcome).toBe('lost');
  });

  it('reads an empty outcome and closed date as an open deal with no cycle', () => {
    const result = validate({
      fields: { ...GOOD, outcome: '', closed_date: '', sales_cycle_days: '' },
    });
    expect(result).toMatchObject({
      ok: true,
      deal: { outcome: null, closedDate: null, cycleDays: null },
    });
    const absent = validate({
      fields: { ...GOOD, outcome: undefined, closed_date: undefined, sales_cycle_days: undefined },
    });
    expect(absent).toMatchObject({ ok: true, deal: { outcome: null, closedDate: null } });
  });

  it('derives sales_cycle_days from the dates when it is empty', () => {
    const result = validate({ fields: { ...GOOD, sales_cycle_days: '' } });
    expect(result.ok && result.deal.cycleDays).toBe(21);
  });

  it('accepts amounts with decimals and thousands separators', () => {
    for (const [text, amount] of [
      ['12,500', 12500],
      ['23000.50', 23000.5],
      ['0', 0],
      ['1,234,567.5', 1234567.5],
    ] as const) {
      const result = validate({ fields: { ...GOOD, deal_amount: text } });
      expect(result.ok && result.deal.amount).toBe(amount);
    }
  });

  it('explains each bad value, naming the field and the value', () => {
    expect(reasonsFor({ ...GOOD, closed_date: '2023-02-30', created_date: '2023-01-01' })).toEqual([
      'closed_date 2023-02-30 is not a date',
    ]);
    expect(reasonsFor({ ...GOOD, created_date: '24/11/2023' })).toEqual([
      'created_date "24/11/2023" is not a date (expected YYYY-MM-DD)',
    ]);
    expect(reasonsFor({ ...GOOD, outcome: 'Maybe' })).toEqual([
      'outcome "Maybe" is not won or lost',
    ]);
    expect(reasonsFor({ ...GOOD, deal_amount: '-5' })).toEqual(['deal_amount -5 is negative']);
    expect(reasonsFor({ ...GOOD, deal_amount: 'lots' })).toEqual([
      'deal_amount "lots" is not a number',
    ]);
    expect(reasonsFor({ ...GOOD, sales_cycle_days: '2.5' })).toEqual([
      'sales_cycle_days "2.5" is not a whole number of days',
    ]);
    expect(reasonsFor({ ...GOOD, sales_cycle_days: '-1' })).toEqual([
      'sales_cycle_days -1 is negative',
    ]);
  });

  it('names every missing required field at once', () => {
    expect(
      reasonsFor({ ...GOOD, deal_id: '', created_date: ' ', sales_rep_id: undefined, region: '' }),
    ).toEqual(['deal_id is missing', 'created_date is missing', 'sales_rep_id is missing']);
  });

  it('keeps a deal whose descriptive fields and amount are blank, as nulls (metrics.md "Missing values")', () => {
    const blank = {
      ...GOOD,
      industry: '',
      region: '  ',
      product_type: undefined,
      lead_source: '',
      deal_stage: ' ',
      deal_amount: '',
    };
    const expected = {
      industry: null,
      region: null,
      product: null,
      leadSource: null,
      stage: null,
      amount: null,
    };
    expect(validate({ fields: blank })).toMatchObject({ ok: true, deal: expected });
    // the zod schema decides the same as the fast path
    expect(createSchemaOnlyValidator()(blank)).toMatchObject({ ok: true, deal: expected });
    // a blank amount is not a bad one
    expect(reasonsFor({ ...GOOD, deal_amount: 'n/a' })).toEqual([
      'deal_amount "n/a" is not a number',
    ]);
  });

  it('checks the rules between fields', () => {
    expect(reasonsFor({ ...GOOD, closed_date: '2023-11-01', sales_cycle_days: '' })).toEqual([
      'closed_date 2023-11-01 before created_date 2023-11-24',
    ]);
    expect(reasonsFor({ ...GOOD, closed_date: '' })).toEqual(['outcome won without closed_date']);
    expect(reasonsFor({ ...GOOD, outcome: '' })).toEqual([
      'closed_date 2023-12-15 without outcome (won or lost)',
    ]);
    expect(reasonsFor({ ...GOOD, sales_cycle_days: '12' })).toEqual([
      'sales_cycle_days 12 does not match closed_date − created_date (21 days)',
    ]);
  });

  it('reads MM/DD/YYYY and DD/MM/YYYY when the mapping says so', () => {
    const us = createRowValidator({ dateFormat: 'MM/DD/YYYY' })({
      fields: { ...GOOD, created_date: '11/24/2023', closed_date: '12/15/2023 10:30' },
    });
    expect(us).toMatchObject({
      ok: true,
      deal: { createdDate: '2023-11-24', closedDate: '2023-12-15' },
    });
    const eu = createRowValidator({ dateFormat: 'DD/MM/YYYY' })({
      fields: { ...GOOD, created_date: '24/11/2023', closed_date: '15/12/2023' },
    });
    expect(eu).toMatchObject({ ok: true, deal: { createdDate: '2023-11-24', cycleDays: 21 } });
    expect(
      reasonsFor(
        { ...GOOD, created_date: '11/24/2023', closed_date: '15/12/2023' },
        { dateFormat: 'DD/MM/YYYY' },
      ),
    ).toEqual(['created_date 11/24/2023 is not a date']);
  });

  it("drops an open deal's expected close date only when the mapping asks for it", () => {
    const open = { ...GOOD, outcome: '', sales_cycle_days: '' };
    expect(reasonsFor(open)).toEqual(['closed_date 2023-12-15 without outcome (won or lost)']);
    const result = createRowValidator({ ignoreCloseDateOfOpenDeals: true })({ fields: open });
    expect(result).toMatchObject({ ok: true, deal: { outcome: null, closedDate: null } });
    expect(
      reasonsFor({ ...open, closed_date: 'soon' }, { ignoreCloseDateOfOpenDeals: true }),
    ).toEqual(['closed_date "soon" is not a date (expected YYYY-MM-DD)']);
  });

  it('keeps a known re-assignment date and rejects a bad one', () => {
    const ok = validate({ fields: GOOD, assignedDate: '2023-12-01' });
    expect(ok.ok && ok.deal.assignedDate).toBe('2023-12-01');
    expect(validate({ fields: GOOD, assignedDate: '2023-13-01' })).toEqual({
      ok: false,
      reasons: ['assigned_date 2023-13-01 is not a date'],
    });
  });

  it('gives the same answer on its fast path as the zod schema alone', () => {
    // Mutate every field of a valid row through values on both sides of each rule.
    const variants: Record<CanonicalField, Array<string | undefined>> = {
      deal_id: ['D1', '', ' ', undefined],
      created_date: ['2023-11-24', '2023-02-29', '2024-02-29', '2023-11-24T08:00', '2023-1-1', ''],
      closed_date: ['2023-12-15', '2023-11-24', '2023-11-23', '', '2023-12-32', 'x'],
      sales_rep_id: ['rep_1', ''],
      industry: ['SaaS', ''],
      region: ['APAC', ''],
      product_type: ['Core', ''],
      lead_source: ['Inbound', ''],
      deal_stage: ['Closed', ''],
      deal_amount: ['4253', '0', '1,000', '1,00', '-1', '1e3', 'abc', '', ' 7 '],
      sales_cycle_days: ['21', '0', '', '-2', '1.5', 'x'],
      outcome: ['Won', 'lost', '', 'Open', 'WON '],
    };
    let compared = 0;
    for (const options of [
      {},
      { ignoreCloseDateOfOpenDeals: true },
      { dateFormat: 'DD/MM/YYYY' as const },
    ]) {
      const fast = createRowValidator(options);
      const slow = createSchemaOnlyValidator(options);
      for (const [field, values] of Object.entries(variants)) {
        for (const value of values) {
          for (const base of [GOOD, { ...GOOD, outcome: '', closed_date: '' }]) {
            const fields = { ...base, [field]: value };
            expect(fast({ fields }), `${field}=${value}`).toEqual(slow(fields));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
  });
});
