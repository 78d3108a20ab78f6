/**
 * Validation of one canonical record (text fields) into a Deal, with zod. Every reason
 * names the field and the value, in words a sales-ops person can act on:
 * `closed_date 2023-02-30 is not a date`, `outcome "Maybe" is not won or lost`.
 *
 * The field checks are plain functions (cheap: no regex on the hot path, dates parsed by
 * hand); zod composes them, collects every field's issue and runs the cross-field rules
 * only on rows whose fields are valid.
 */
import { z } from 'zod';
import type { Deal, Outcome } from '../../domain/deal.js';
import {
  CSV_DEAL_FIELDS,
  type CsvDealField,
  type DealFieldKind,
  type DealFieldPresence,
} from '../../domain/deal-fields.js';
import type { CanonicalField, DateFormat, SourceRecord } from '../ports/ingest-source.js';

export interface RowValidationOptions {
  dateFormat?: DateFormat;
  /** drop an open deal's (expected) close date instead of rejecting the row */
  ignoreCloseDateOfOpenDeals?: boolean;
}

export type RowResult = { ok: true; deal: Deal } | { ok: false; reasons: string[] };

const NOT_A_DATE = -1e9;

/** Days since 1970-01-01 of a valid Y-M-D, else NOT_A_DATE (Hinnant's days_from_civil). */
function dayNumber(y: number, m: number, d: number): number {
  if (m < 1 || m > 12 || d < 1) return NOT_A_DATE;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthDays =
    m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d > monthDays) return NOT_A_DATE;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Reads `len` ASCII digits at `at`, or -1. */
function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export interface ParsedDate {
  iso: string;
  day: number;
}

/**
 * Parses a date in the given format. A time of day after the date ("2024-01-05 10:30",
 * "2024-01-05T10:30:00Z") is ignored: dealfit works on calendar dates as written.
 * Returns a reason when the text is not a date.
 */
export function parseDate(field: string, text: string, format: DateFormat): ParsedDate | string {
  let y: number;
  let m: number;
  let d: number;
  const dateish = text.length >= 10 && (text.length === 10 || text[10] === ' ' || text[10] === 'T');
  if (format === 'YYYY-MM-DD') {
    const ok = dateish && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45;
    y = ok ? digits(text, 0, 4) : -1;
    m = ok ? digits(text, 5, 2) : -1;
    d = ok ? digits(text, 8, 2) : -1;
  } else {
    const ok = dateish && text.charCodeAt(2) === 47 && text.charCodeAt(5) === 47;
    const first = ok ? digits(text, 0, 2) : -1;
    const second = ok ? digits(text, 3, 2) : -1;
    y = ok ? digits(text, 6, 4) : -1;
    m = format === 'MM/DD/YYYY' ? first : second;
    d = format === 'MM/DD/YYYY' ? second : first;
  }
  if (y < 0 || m < 0 || d < 0) {
    return `${field} ${JSON.stringify(text)} is not a date (expected ${format})`;
  }
  const day = dayNumber(y, m, d);
  if (day === NOT_A_DATE) return `${field} ${text} is not a date`;
  const iso = format === 'YYYY-MM-DD' && text.length === 10 ? text : isoOf(y, m, d);
  return { iso, day };
}

function isoOf(y: number, m: number, d: number): string {
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** A non-negative amount: digits with an optional decimal part and optional 1,234 grouping. */
const AMOUNT = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

function parseAmount(text: string): number | string {
  if (AMOUNT.test(text)) return Number(text.includes(',') ? text.replaceAll(',', '') : text);
  const n = Number(text.replaceAll(',', ''));
  if (text !== '' && Number.isFinite(n) && n < 0) return `deal_amount ${text} is negative`;
  return `deal_amount ${JSON.stringify(text)} is not a number`;
}

function parseCycleDays(text: string): number | string {
  const n = Number(text);
  if (text === '' || !Number.isInteger(n)) {
    return `sales_cycle_days ${JSON.stringify(text)} is not a whole number of days`;
  }
  if (n < 0) return `sales_cycle_days ${text} is negative`;
  return n;
}

/** won/lost in any letter case; null for an open deal; undefined when not an outcome. */
function parseOutcome(text: string): Outcome | null | undefined {
  if (text === '') return null;
  if (text === 'Won' || text === 'won') return 'won';
  if (text === 'Lost' || text === 'lost') return 'lost';
  const lower = text.toLowerCase();
  return lower === 'won' || lower === 'lost' ? lower : undefined;
}

type Ctx = z.core.$RefinementCtx;

function fail(ctx: Ctx, message: string): never {
  ctx.issues.push({ code: 'custom', message, input: undefined });
  return z.NEVER as never;
}

/** A trimmed value; '' when empty or absent. */
const cell = z
  .string()
  .optional()
  .transform((v) => (v === undefined ? '' : v.trim()));

const required = (field: CanonicalField) =>
  cell.transform((v, ctx) => (v === '' ? fail(ctx, `${field} is missing`) : v));

/** What each kind of field parses to; a field without a required value may be null. */
type ParsedValue<K extends DealFieldKind, P extends DealFieldPresence> = K extends 'date'
  ? P extends 'required'
    ? ParsedDate
    : ParsedDate | null
  : K extends 'amount'
    ? number
    : K extends 'int'
      ? number | null
      : K extends 'outcome'
        ? Outcome | null
        : string;

/** A record whose every field passed its own check, before the cross-field rules. */
type ParsedFields = {
  [F in CsvDealField as F['csv']]: ParsedValue<F['kind'], F['presence']>;
};

/**
 * The schema of each canonical field, chosen by its kind in DEAL_FIELDS (exported for the
 * test that the schema's keys are the canonical fields).
 */
export function rowFieldSchemas(options: Required<RowValidationOptions>) {
  const { dateFormat } = options;
  const toDate = (field: CanonicalField, v: string, ctx: Ctx): ParsedDate => {
    const parsed = parseDate(field, v, dateFormat);
    return typeof parsed === 'string' ? fail(ctx, parsed) : parsed;
  };
  const fieldSchema = ({ csv, kind, presence }: CsvDealField) => {
    const text = presence === 'required' ? required(csv) : cell;
    switch (kind) {
      case 'date':
        return text.transform((v, ctx) => (v === '' ? null : toDate(csv, v, ctx)));
      case 'amount':
        return text.transform((v, ctx) => {
          const n = parseAmount(v);
          return typeof n === 'string' ? fail(ctx, n) : n;
        });
      case 'int':
        return text.transform((v, ctx) => {
          if (v === '') return null;
          const n = parseCycleDays(v);
          return typeof n === 'string' ? fail(ctx, n) : n;
        });
      case 'outcome':
        return text.transform((v, ctx) => {
          const o = parseOutcome(v);
          return o === undefined ? fail(ctx, `outcome ${JSON.stringify(v)} is not won or lost`) : o;
        });
      default:
        return text;
    }
  };
  return Object.fromEntries(CSV_DEAL_FIELDS.map((f) => [f.csv, fieldSchema(f)])) as Record<
    CanonicalField,
    ReturnType<typeof fieldSchema>
  >;
}

function buildSchema(options: Required<RowValidationOptions>) {
  return z
    .object(rowFieldSchemas(options))
    .transform((fields) => fields as unknown as ParsedFields)
    .transform((r, ctx): Deal => {
      let closed = r.closed_date;
      if (r.outcome !== null && closed === null) {
        fail(ctx, `outcome ${r.outcome} without closed_date`);
      }
      if (r.outcome === null && closed !== null) {
        if (options.ignoreCloseDateOfOpenDeals) closed = null;
        else fail(ctx, `closed_date ${closed.iso} without outcome (won or lost)`);
      }
      let cycleDays: number | null = null;
      if (closed !== null && r.outcome !== null) {
        const span = closed.day - r.created_date.day;
        if (span < 0) {
          fail(ctx, `closed_date ${closed.iso} before created_date ${r.created_date.iso}`);
        } else if (r.sales_cycle_days !== null && r.sales_cycle_days !== span) {
          // The dates are the record of truth (metrics use them); a cycle that disagrees
          // means one of the three values is wrong, and we cannot tell which.
          fail(
            ctx,
            `sales_cycle_days ${r.sales_cycle_days} does not match closed_date − created_date (${span} days)`,
          );
        }
        cycleDays = span;
      }
      return {
        id: r.deal_id,
        createdDate: r.created_date.iso,
        closedDate: r.outcome === null ? null : (closed?.iso ?? null),
        assignedDate: null,
        repId: r.sales_rep_id,
        industry: r.industry,
        region: r.region,
        product: r.product_type,
        leadSource: r.lead_source,
        stage: r.deal_stage,
        amount: r.deal_amount,
        cycleDays,
        outcome: r.outcome,
      };
    });
}

/**
 * The hot path: accepts a record only when every field and rule passes, with the same
 * field functions as the schema but without zod's per-field pipeline (~3 µs a row, too
 * slow for a million rows). Anything it does not accept goes to the zod schema, which
 * decides and explains; a test checks that both agree.
 */
function fastAccept(
  f: Partial<Record<CanonicalField, string>>,
  options: Required<RowValidationOptions>,
): Deal | undefined {
  const id = f.deal_id?.trim();
  const rep = f.sales_rep_id?.trim();
  const industry = f.industry?.trim();
  const region = f.region?.trim();
  const product = f.product_type?.trim();
  const leadSource = f.lead_source?.trim();
  const stage = f.deal_stage?.trim();
  const amountText = f.deal_amount?.trim();
  const createdText = f.created_date?.trim();
  if (!id || !rep || !industry || !region || !product || !leadSource || !stage) return undefined;
  if (!amountText || !createdText) return undefined;
  const amount = parseAmount(amountText);
  if (typeof amount === 'string') return undefined;
  const created = parseDate('created_date', createdText, options.dateFormat);
  if (typeof created === 'string') return undefined;
  const outcome = parseOutcome(f.outcome?.trim() ?? '');
  if (outcome === undefined) return undefined;
  const closedText = f.closed_date?.trim() ?? '';
  const cycleText = f.sales_cycle_days?.trim() ?? '';
  let closedDate: string | null = null;
  let cycleDays: number | null = null;
  if (outcome === null) {
    if (closedText !== '') {
      if (!options.ignoreCloseDateOfOpenDeals) return undefined;
      if (typeof parseDate('closed_date', closedText, options.dateFormat) === 'string') {
        return undefined;
      }
    }
    if (cycleText !== '' && typeof parseCycleDays(cycleText) === 'string') return undefined;
  } else {
    if (closedText === '') return undefined;
    const closed = parseDate('closed_date', closedText, options.dateFormat);
    if (typeof closed === 'string') return undefined;
    const span = closed.day - created.day;
    if (span < 0) return undefined;
    if (cycleText !== '') {
      const given = parseCycleDays(cycleText);
      if (given !== span) return undefined;
    }
    closedDate = closed.iso;
    cycleDays = span;
  }
  return {
    id,
    createdDate: created.iso,
    closedDate,
    assignedDate: null,
    repId: rep,
    industry,
    region,
    product,
    leadSource,
    stage,
    amount,
    cycleDays,
    outcome,
  };
}

/** Builds a validator for one import (the schema is built once, not per row). */
export function createRowValidator(
  options: RowValidationOptions = {},
): (record: Pick<SourceRecord, 'fields' | 'assignedDate'>) => RowResult {
  const resolved: Required<RowValidationOptions> = {
    dateFormat: options.dateFormat ?? 'YYYY-MM-DD',
    ignoreCloseDateOfOpenDeals: options.ignoreCloseDateOfOpenDeals ?? false,
  };
  const schema = buildSchema(resolved);
  return (record) => {
    let assignedDate: string | null = null;
    let assignedProblem: string | null = null;
    if (record.assignedDate !== undefined && record.assignedDate !== '') {
      const parsed = parseDate('assigned_date', record.assignedDate.trim(), 'YYYY-MM-DD');
      if (typeof parsed === 'string') assignedProblem = parsed;
      else assignedDate = parsed.iso;
    }
    if (assignedProblem === null) {
      const deal = fastAccept(record.fields, resolved);
      if (deal) {
        deal.assignedDate = assignedDate;
        return { ok: true, deal };
      }
    }
    const parsed = schema.safeParse(record.fields);
    if (!parsed.success || assignedProblem !== null) {
      const reasons = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
      if (assignedProblem !== null) reasons.push(assignedProblem);
      return { ok: false, reasons };
    }
    parsed.data.assignedDate = assignedDate;
    return { ok: true, deal: parsed.data };
  };
}

/** The zod schema alone, without the fast path: for the test that both agree. */
export function createSchemaOnlyValidator(
  options: RowValidationOptions = {},
): (fields: Partial<Record<CanonicalField, string>>) => RowResult {
  const schema = buildSchema({
    dateFormat: options.dateFormat ?? 'YYYY-MM-DD',
    ignoreCloseDateOfOpenDeals: options.ignoreCloseDateOfOpenDeals ?? false,
  });
  return (fields) => {
    const parsed = schema.safeParse(fields);
    return parsed.success
      ? { ok: true, deal: parsed.data }
      : { ok: false, reasons: parsed.error.issues.map((issue) => issue.message) };
  };
}
