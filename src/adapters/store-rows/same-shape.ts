/**
 * What both stores shared about storage rather than about sales: the row shapes of their
 * tables and the port types they map to, the columns' encodings (JSON payloads, ISO
 * instants), and the folds over rows read. Dialect-free: the SQL of each store stays in
 * adapters/storage/ (SQLite) and adapters/postgres/ (PostgreSQL); both import this folder,
 * and it imports neither (only the ports, the domain and libraries).
 *
 * This file: the compile-time check that a port's plain rows and a table's drizzle types
 * are the same shape.
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
