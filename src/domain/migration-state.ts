/**
 * Where a database's migrations stand against those this code ships. drizzle applies them
 * in order and records each by its folder time, so "pending" is a shipped migration newer
 * than the last one recorded: the schema this code needs is not there yet (another
 * instance is migrating, or the file was restored from an old copy). Both stores read
 * their record; the meaning of it lives here once.
 */

export interface MigrationsRead {
  /** applied: all shipped ones recorded; pending: some not yet; ahead: the database has
   *  newer ones than this code (a newer instance migrated it: still served) */
  state: 'applied' | 'pending' | 'ahead';
  /** migrations this code ships */
  known: number;
  /** migrations recorded in the database */
  applied: number;
  /** the shipped ones not recorded yet, by name */
  pending: string[];
}

export interface ShippedMigration {
  tag: string;
  /** the folder time drizzle records as created_at */
  when: number;
}

export function foldMigrationState(
  shipped: readonly ShippedMigration[],
  recorded: { count: number; newest: number | null },
): MigrationsRead {
  const last = Number(recorded.newest ?? 0);
  const pending = shipped.filter((m) => m.when > last).map((m) => m.tag);
  const newest = shipped.at(-1)?.when ?? 0;
  const state = pending.length > 0 ? 'pending' : last > newest ? 'ahead' : 'applied';
  return { state, known: shipped.length, applied: Number(recorded.count), pending };
}
