/**
 * The one SOQL query a sync runs: every mapped field, changes since a point in time,
 * ordered by SystemModstamp then Id so pages follow the order the watermark moves in.
 */
import { type SalesforceMapping, selectedFields } from './mapping.js';

/** SOQL datetime literal (unquoted, UTC, whole seconds): 2024-06-01T00:00:00Z */
export function soqlDateTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

export function buildOpportunitySoql(mapping: SalesforceMapping, since?: number): string {
  const where = [
    ...(since === undefined ? [] : [`SystemModstamp > ${soqlDateTime(since)}`]),
    ...(mapping.filter ? [`(${mapping.filter})`] : []),
  ];
  return [
    `SELECT ${selectedFields(mapping).join(', ')}`,
    'FROM Opportunity',
    ...(where.length > 0 ? [`WHERE ${where.join(' AND ')}`] : []),
    'ORDER BY SystemModstamp ASC, Id ASC',
  ].join(' ');
}
