/**
 * The deals a question is about: the rows of a DealTable whose values, amount and age match
 * a selection, as a smaller DealTable with the same labels. Every figure over the selection
 * is then the ordinary metric code over that table, so a filtered win rate is computed
 * exactly as the unfiltered one (metrics.md "Questions in plain words").
 */
import type { Dimension } from './deal.js';
import { type DealTable, hasAmount, OPEN } from './deal-table.js';

export interface DealSelection {
  /** stored values, e.g. { industry: 'FinTech', rep: 'rep_19' } */
  values?: Partial<Record<Dimension, string>>;
  minAmount?: number;
  maxAmount?: number;
  /** open deals at least this many days old (created → asOf); closed deals never match */
  minAgeDays?: number;
}

/** Row indices of `table` that match `selection` (and `keep`, when given). */
export function selectRows(
  table: DealTable,
  selection: DealSelection,
  keep?: (row: number) => boolean,
): Int32Array {
  const codes: Array<[Int32Array, number]> = [];
  for (const [dimension, value] of Object.entries(selection.values ?? {}) as Array<
    [Dimension, string | undefined]
  >) {
    if (value === undefined) continue;
    const code = table.labels[dimension].indexOf(value);
    // a value the table has never seen matches no row (the answer then says n = 0)
    if (code < 0) return new Int32Array(0);
    codes.push([table.codes[dimension], code]);
  }
  const min = selection.minAmount ?? Number.NEGATIVE_INFINITY;
  const max = selection.maxAmount ?? Number.POSITIVE_INFINITY;
  // a blank amount matches no amount bound ("over $20k" cannot hold a deal of unknown size)
  const bounded = selection.minAmount !== undefined || selection.maxAmount !== undefined;
  const minAge = selection.minAgeDays;
  const out = new Int32Array(table.size);
  let n = 0;
  rows: for (let i = 0; i < table.size; i++) {
    for (const [column, code] of codes) if (column[i] !== code) continue rows;
    const amount = table.amount[i]!;
    if (hasAmount(amount) ? amount < min || amount > max : bounded) continue;
    if (minAge !== undefined) {
      if (table.closed[i] !== OPEN || table.asOf - table.created[i]! < minAge) continue;
    }
    if (keep && !keep(i)) continue;
    out[n++] = i;
  }
  return out.slice(0, n);
}

/** The given rows of `table` as a table of their own (labels and as-of unchanged). */
export function subTable(table: DealTable, rows: Int32Array): DealTable {
  const pick = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(rows.length);
    for (let j = 0; j < rows.length; j++) b[j] = a[rows[j]!]!;
    return b;
  };
  return {
    asOf: table.asOf,
    size: rows.length,
    ids: Array.from(rows, (i) => table.ids[i]!),
    created: pick(table.created),
    closed: pick(table.closed),
    assigned: pick(table.assigned),
    won: pick(table.won),
    amount: pick(table.amount),
    codes: {
      rep: pick(table.codes.rep),
      industry: pick(table.codes.industry),
      region: pick(table.codes.region),
      product: pick(table.codes.product),
      leadSource: pick(table.codes.leadSource),
    },
    labels: table.labels,
    stage: pick(table.stage),
    stageLabels: table.stageLabels,
  };
}
