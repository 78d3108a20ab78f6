/**
 * Writes deals in the canonical CSV format (README "Data format"), so
 * generated demo data reads exactly like a real export. Header and columns come from
 * DEAL_FIELDS; each field is written by its kind.
 */
import type { Deal } from '../../../domain/deal.js';
import {
  CANONICAL_HEADER,
  CSV_DEAL_FIELDS,
  type DealFieldKind,
} from '../../../domain/deal-fields.js';

export { CANONICAL_HEADER };

const NEEDS_QUOTES = /[",\r\n]/;

function quoted(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const OUTCOME_TEXT = { won: 'Won', lost: 'Lost' } as const;

type Value = Deal[keyof Deal];

/** How a value of each kind is written; null and an open outcome are empty. */
const WRITE: Record<DealFieldKind, (value: Value) => string> = {
  id: (v) => quoted(v as string),
  text: (v) => quoted(v as string),
  category: (v) => quoted(v as string),
  date: (v) => (v as string | null) ?? '',
  amount: (v) => String(v),
  int: (v) => (v === null ? '' : String(v)),
  outcome: (v) => (v ? OUTCOME_TEXT[v as keyof typeof OUTCOME_TEXT] : ''),
};

const COLUMNS = CSV_DEAL_FIELDS.map((f) => ({ property: f.property, write: WRITE[f.kind] }));

export function formatDealCsvRow(deal: Deal): string {
  let line = '';
  for (let i = 0; i < COLUMNS.length; i++) {
    const c = COLUMNS[i]!;
    line += (i === 0 ? '' : ',') + c.write(deal[c.property]);
  }
  return line;
}
