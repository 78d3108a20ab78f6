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
import { type DateFormat, type ParsedDate, parseDate } from '../../domain/date-formats.js';
import type { Deal, Outcome } from '../../domain/deal.js';
import {
  CSV_DEAL_FIELDS,
  type CsvDealField,
  type DealFieldKind,
  type DealFieldPresence,
} from '../../domain/deal-fields.js';
import type { CanonicalField, SourceRecord } from '../ports/ingest-source.js';

export interface RowValidationOptions {
  dateFormat?: DateFormat;
  /** drop an open deal's (expected) close date instead of rejecting the row */
  ignoreCloseDateOfOpenDeals?: boolean;
}

export type RowResult = { ok: true; deal: Deal } | { ok: false; reasons: string[] };

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
    ? number | null
    : K extends 'int'
      ? number | null
      : K extends 'outcome'
        ? Outcome | null
        : P extends 'blankable'
          ? string | null
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
          // a blank amount is kept (metrics.md "Missing values"), left out of every sum
          if (v === '') return null;
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
        // a blank descriptive field is stored as null, shown as "(not set)"
        return presence === 'blankable' ? text.transform((v) => (v === '' ? null : v)) : text;
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
  const createdText = f.created_date?.trim();
  if (!id || !rep || !createdText) return undefined;
  // blank descriptive fields and amount: null (metrics.md "Missing values")
  const industry = f.industry?.trim() || null;
  const region = f.region?.trim() || null;
  const product = f.product_type?.trim() || null;
  const leadSource = f.lead_source?.trim() || null;
  const stage = f.deal_stage?.trim() || null;
  const amountText = f.deal_amount?.trim() ?? '';
  const amount = amountText === '' ? null : parseAmount(amountText);
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
