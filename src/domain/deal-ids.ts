/**
 * Deal ids that look alike: the rule behind "did you mean …" when an id is not found.
 * The stores look the variants up; the caller ranks what they find.
 */

/**
 * The same number with other zero padding: `D-0042` → `D-42`, `D-042`, … `D-00000042`
 * (no to six leading zeros). Empty when `id` does not end in a number.
 */
export function zeroPaddedVariants(id: string): string[] {
  const m = /^([^\d]*)0*(\d+)$/.exec(id);
  if (!m) return [];
  const [, prefix, digits] = m as unknown as [string, string, string];
  const variants: string[] = [];
  for (let width = digits.length; width <= digits.length + 6; width++) {
    variants.push(prefix + digits.padStart(width, '0'));
  }
  return variants;
}
