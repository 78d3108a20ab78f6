/**
 * The canonical deal, as every other module sees it. Dates are calendar dates in UTC as
 * `YYYY-MM-DD` strings, so they compare correctly as strings and print without a timezone.
 */
export type Outcome = 'won' | 'lost';

export interface Deal {
  id: string;
  createdDate: string;
  /** null while the deal is open */
  closedDate: string | null;
  /**
   * When the current owner got the deal. null means "at creation" (metrics.md: the
   * assignment time is the created date unless an assignment date is known).
   */
  assignedDate: string | null;
  repId: string;
  industry: string;
  region: string;
  product: string;
  leadSource: string;
  stage: string;
  amount: number;
  cycleDays: number | null;
  /** null = open */
  outcome: Outcome | null;
}

/** The dimensions a win rate can be segmented by (metrics.md "Segmented"). */
export const DIMENSIONS = ['industry', 'region', 'product', 'leadSource', 'rep'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export function dimensionValue(deal: Deal, dimension: Dimension): string {
  return dimension === 'rep' ? deal.repId : deal[dimension];
}

export function isClosed(deal: Deal): boolean {
  return deal.outcome !== null;
}

/** metrics.md: t = the re-assignment date when known, else the created date. */
export function assignmentDate(deal: Deal): string {
  return deal.assignedDate ?? deal.createdDate;
}
