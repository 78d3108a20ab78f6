/**
 * The compile-time check that a port's plain rows and a store's drizzle table stay the same
 * shape (both stores check theirs). adapters/store-rows/ as a whole: what the SQLite and the
 * PostgreSQL store share about storage, SQL-free; see docs/architecture.md.
 */

/**
 * `true` when the port's row is the table's select type (both ways) and the port's new row
 * fits its insert type, else `never`: `const matches: PortRows<…> = true` fails to compile
 * once the port and the table drift apart.
 */
export type PortRows<Row, New, Table extends { $inferSelect: unknown; $inferInsert: unknown }> = [
  Row,
] extends [Table['$inferSelect']]
  ? [Table['$inferSelect']] extends [Row]
    ? [New] extends [Table['$inferInsert']]
      ? true
      : never
    : never
  : never;
