/**
 * What both stores shared about storage rather than about sales: the row shapes of their
 * tables and the port types they map to, the columns' encodings (JSON payloads, ISO
 * instants), and the folds over rows read. Dialect-free: the SQL of each store stays in
 * adapters/storage/ (SQLite) and adapters/postgres/ (PostgreSQL); both import this folder,
 * and it imports neither (only the ports, the domain and libraries).
 *
 * This file: the compile-time check that a port's plain row and a table's drizzle type are
 * the same shape.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
