/**
 * Writes deals in the canonical CSV format (the header of ../shared/data/deals.csv), so
 * generated demo data reads exactly like a real export.
 */
import type { Deal } from '../../../domain/deal.js';

export const CANONICAL_HEADER =
  'deal_id,created_date,closed_date,sales_rep_id,industry,region,product_type,lead_source,deal_stage,deal_amount,sales_cycle_days,outcome';

const NEEDS_QUOTES = /[",\r\n]/;

function field(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const OUTCOME_TEXT = { won: 'Won', lost: 'Lost' } as const;

export function formatDealCsvRow(deal: Deal): string {
  return [
    field(deal.id),
    deal.createdDate,
    deal.closedDate ?? '',
    field(deal.repId),
    field(deal.industry),
    field(deal.region),
    field(deal.product),
    field(deal.leadSource),
    field(deal.stage),
    String(deal.amount),
    deal.cycleDays === null ? '' : String(deal.cycleDays),
    deal.outcome ? OUTCOME_TEXT[deal.outcome] : '',
  ].join(',');
}
