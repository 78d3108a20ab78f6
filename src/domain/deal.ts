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
  /** null = blank in the CRM, shown as "(not set)" (metrics.md "Missing values") */
  industry: string | null;
  region: string | null;
  product: string | null;
  leadSource: string | null;
  stage: string | null;
  /** null = blank in the CRM: counted in rates and counts, left out of sums and means */
  amount: number | null;
  cycleDays: number | null;
  /** null = open */
  outcome: Outcome | null;
}

/** The dimensions a win rate can be segmented by (metrics.md "Segmented"). */
export const DIMENSIONS = ['industry', 'region', 'product', 'leadSource', 'rep'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * How a blank descriptive field is shown and segmented: one label for every null, so a
 * segmented table has one "(not set)" row (metrics.md "Missing values"). It is never a
 * segment that raises an alert.
 */
export const NOT_SET = '(not set)';

/** A deal's value of a dimension, NOT_SET when blank. */
export function dimensionValue(deal: Deal, dimension: Dimension): string {
  return dimension === 'rep' ? deal.repId : (deal[dimension] ?? NOT_SET);
}

/** A table label back as a stored value: null for NOT_SET. */
export function valueOfLabel(label: string): string | null {
  return label === NOT_SET ? null : label;
}

/** True for the label of a blank value (NOT_SET). */
export function isNotSet(label: string): boolean {
  return label === NOT_SET;
}

export function isClosed(deal: Deal): boolean {
  return deal.outcome !== null;
}

/** metrics.md: t = the re-assignment date when known, else the created date. */
export function assignmentDate(deal: Deal): string {
  return deal.assignedDate ?? deal.createdDate;
}
