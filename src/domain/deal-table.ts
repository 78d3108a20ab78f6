/**
 * The columnar, in-memory form of the deals as of a date, which every metric reads.
 * Typed arrays (day numbers, dictionary codes, outcomes) keep 1,000,000 deals in tens of
 * megabytes and make each metric a tight loop instead of object traversal.
 *
 * The as-of cut lives here so no metric can forget it: a deal created after asOf does not
 * exist yet, and a deal closed after asOf is open at asOf (metrics.md "Data as of").
 */

import { toDayNumber } from './dates.js';
import { type Deal, DIMENSIONS, type Dimension, NOT_SET, type Outcome } from './deal.js';
import { DEAL_FIELDS } from './deal-fields.js';

/** closed[] value of a deal that is open at asOf */
export const OPEN = 2_147_483_647;

export interface DealTable {
  asOf: number;
  size: number;
  ids: string[];
  created: Int32Array;
  /** close day, or OPEN */
  closed: Int32Array;
  /** t: the assignment day (re-assignment date when known and not after asOf) */
  assigned: Int32Array;
  /** 1 = won (and closed by asOf) */
  won: Uint8Array;
  /**
   * NaN when the deal's amount is blank: every sum and mean of amounts skips it (test with
   * `hasAmount`) and says how many it left out (metrics.md "Missing values").
   */
  amount: Float64Array;
  /**
   * dictionary codes per dimension; labels[dim][code] is the text, NOT_SET ("(not set)")
   * for a blank value: one code per dimension for every blank, so a segmented table has one
   * "(not set)" row
   */
  codes: Record<Dimension, Int32Array>;
  labels: Record<Dimension, string[]>;
  stage: Int32Array;
  stageLabels: string[];
}

/** True when the amount is known (a blank amount is NaN in DealTable.amount). */
export function hasAmount(amount: number): boolean {
  return !Number.isNaN(amount);
}

/** The code of NOT_SET in `labels` (a dimension's or the stages'), or -1 when no deal has one. */
export function notSetCode(labels: readonly string[]): number {
  return labels.indexOf(NOT_SET);
}

/** One deal's fields as the store hands them over (dates as `YYYY-MM-DD`; no cycle: the
 *  dates give it). */
export type DealRow = Omit<Deal, 'cycleDays'>;

/** The fields a table is built from, in the order of a DealTableRow. */
export const TABLE_FIELDS = DEAL_FIELDS.filter((f) => f.property !== 'cycleDays');

/**
 * A DealRow as an array in the order of TABLE_FIELDS: what the store's raw statement
 * yields per row, so the hot loading path hands it over without building an object.
 */
export type DealTableRow = ReadonlyArray<string | number | null>;

const at = (property: keyof DealRow): number => {
  const i = TABLE_FIELDS.findIndex((f) => f.property === property);
  if (i < 0) throw new Error(`${property} is not a table field`);
  return i;
};
const ID = at('id');
const CREATED = at('createdDate');
const CLOSED = at('closedDate');
const ASSIGNED = at('assignedDate');
const REP = at('repId');
const INDUSTRY = at('industry');
const REGION = at('region');
const PRODUCT = at('product');
const LEAD_SOURCE = at('leadSource');
const STAGE = at('stage');
const AMOUNT = at('amount');
const OUTCOME = at('outcome');

/** A deal as a DealTableRow. */
export function tableRowOf(deal: DealRow): DealTableRow {
  return TABLE_FIELDS.map((f) => deal[f.property as keyof DealRow]);
}

class Dictionary {
  readonly labels: string[] = [];
  private readonly index = new Map<string, number>();
  /** the code of a label; null (a blank value) is NOT_SET */
  code(value: string | null): number {
    const label = value ?? NOT_SET;
    let c = this.index.get(label);
    if (c === undefined) {
      c = this.labels.length;
      this.labels.push(label);
      this.index.set(label, c);
    }
    return c;
  }
}

/** Day numbers of `YYYY-MM-DD` strings, cached: a million deals share ~1,000 dates. */
export class DayCache {
  private readonly cache = new Map<string, number>();
  day(date: string): number {
    let d = this.cache.get(date);
    if (d === undefined) {
      d = toDayNumber(date);
      if (Number.isNaN(d)) throw new RangeError(`not a calendar date: "${date}"`);
      this.cache.set(date, d);
    }
    return d;
  }
}

/** Builds a DealTable row by row, applying the as-of cut; capacity grows as needed. */
export class DealTableBuilder {
  private n = 0;
  private cap: number;
  private readonly ids: string[] = [];
  private created: Int32Array;
  private closed: Int32Array;
  private assigned: Int32Array;
  private won: Uint8Array;
  private amount: Float64Array;
  private readonly cols: Record<Dimension, Int32Array>;
  private stage: Int32Array;
  private readonly dicts = {
    rep: new Dictionary(),
    industry: new Dictionary(),
    region: new Dictionary(),
    product: new Dictionary(),
    leadSource: new Dictionary(),
  };
  private readonly stages = new Dictionary();
  readonly days = new DayCache();

  constructor(
    readonly asOf: number,
    capacity = 1024,
  ) {
    this.cap = Math.max(16, capacity);
    this.created = new Int32Array(this.cap);
    this.closed = new Int32Array(this.cap);
    this.assigned = new Int32Array(this.cap);
    this.won = new Uint8Array(this.cap);
    this.amount = new Float64Array(this.cap);
    this.stage = new Int32Array(this.cap);
    this.cols = {
      rep: new Int32Array(this.cap),
      industry: new Int32Array(this.cap),
      region: new Int32Array(this.cap),
      product: new Int32Array(this.cap),
      leadSource: new Int32Array(this.cap),
    };
  }

  private grow(): void {
    this.cap *= 2;
    const g = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap);
      b.set(a);
      return b;
    };
    this.created = g(this.created);
    this.closed = g(this.closed);
    this.assigned = g(this.assigned);
    this.won = g(this.won);
    this.amount = g(this.amount);
    this.stage = g(this.stage);
    for (const d of DIMENSIONS) this.cols[d] = g(this.cols[d]);
  }

  /** Adds one deal. Returns false when the deal did not exist yet at asOf. */
  add(row: DealTableRow): boolean {
    const createdDate = row[CREATED] as string;
    const closedDate = row[CLOSED] as string | null;
    const assignedDate = row[ASSIGNED] as string | null;
    const outcome = row[OUTCOME] as Outcome | null;
    const created = this.days.day(createdDate);
    if (created > this.asOf) return false;
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    const closedDay = closedDate === null || outcome === null ? OPEN : this.days.day(closedDate);
    const isClosed = closedDay <= this.asOf;
    let assigned = created;
    if (assignedDate !== null) {
      const a = this.days.day(assignedDate);
      // A re-assignment after asOf had not happened yet; the created date is the best we know.
      if (a <= this.asOf && a > created) assigned = a;
    }
    this.ids.push(row[ID] as string);
    this.created[i] = created;
    this.closed[i] = isClosed ? closedDay : OPEN;
    this.assigned[i] = assigned;
    this.won[i] = isClosed && outcome === 'won' ? 1 : 0;
    const amount = row[AMOUNT] as number | null;
    this.amount[i] = amount === null ? Number.NaN : amount;
    this.cols.rep[i] = this.dicts.rep.code(row[REP] as string);
    this.cols.industry[i] = this.dicts.industry.code(row[INDUSTRY] as string | null);
    this.cols.region[i] = this.dicts.region.code(row[REGION] as string | null);
    this.cols.product[i] = this.dicts.product.code(row[PRODUCT] as string | null);
    this.cols.leadSource[i] = this.dicts.leadSource.code(row[LEAD_SOURCE] as string | null);
    this.stage[i] = this.stages.code(row[STAGE] as string | null);
    return true;
  }

  build(): DealTable {
    const n = this.n;
    return {
      asOf: this.asOf,
      size: n,
      ids: this.ids,
      created: this.created.subarray(0, n),
      closed: this.closed.subarray(0, n),
      assigned: this.assigned.subarray(0, n),
      won: this.won.subarray(0, n),
      amount: this.amount.subarray(0, n),
      codes: {
        rep: this.cols.rep.subarray(0, n),
        industry: this.cols.industry.subarray(0, n),
        region: this.cols.region.subarray(0, n),
        product: this.cols.product.subarray(0, n),
        leadSource: this.cols.leadSource.subarray(0, n),
      },
      labels: {
        rep: this.dicts.rep.labels,
        industry: this.dicts.industry.labels,
        region: this.dicts.region.labels,
        product: this.dicts.product.labels,
        leadSource: this.dicts.leadSource.labels,
      },
      stage: this.stage.subarray(0, n),
      stageLabels: this.stages.labels,
    };
  }
}

/** Convenience for tests and small inputs: a table from Deal objects. */
export function dealTableFrom(deals: Iterable<Deal | DealRow>, asOf: string): DealTable {
  const asOfDay = toDayNumber(asOf);
  if (Number.isNaN(asOfDay)) throw new RangeError(`not a calendar date: "${asOf}"`);
  const b = new DealTableBuilder(asOfDay);
  for (const d of deals) b.add(tableRowOf(d));
  return b.build();
}
