/**
 * Pipeline velocity (metrics.md): openDeals × meanOpenAmount × winRate(90 d) /
 * meanCycleDays(won, 90 d), in dollars per day, over the deals open at asOf. An open deal
 * with a blank amount counts in openDeals and is left out of the mean amount (metrics.md
 * "Missing values"); `openWithoutAmount` says how many.
 */
import { type DealTable, hasAmount, OPEN } from './deal-table.js';

export const VELOCITY_WINDOW_DAYS = 90;

export interface Velocity {
  /** dollars per day; null when a factor is undefined (no open deals, no wins in 90 d) */
  value: number | null;
  openDeals: number;
  /** over the open deals with an amount; null when none has one */
  meanOpenAmount: number | null;
  /** open deals with a blank amount, left out of meanOpenAmount */
  openWithoutAmount: number;
  winRate90: number | null;
  meanWonCycleDays90: number | null;
  /** deals closed in the 90 days (the win rate's n) and won among them (the cycle's n) */
  closed90: number;
  won90: number;
}

export function computeVelocity(table: DealTable): Velocity {
  let open = 0;
  let openAmount = 0;
  let withAmount = 0;
  let won = 0;
  let closed = 0;
  let wonCycle = 0;
  const from = table.asOf - VELOCITY_WINDOW_DAYS;
  for (let i = 0; i < table.size; i++) {
    const c = table.closed[i]!;
    if (c === OPEN) {
      open++;
      const amount = table.amount[i]!;
      if (hasAmount(amount)) {
        openAmount += amount;
        withAmount++;
      }
    } else if (c > from) {
      closed++;
      if (table.won[i]!) {
        won++;
        // the cycle as the dates give it, so it matches closed_date − created_date
        wonCycle += c - table.created[i]!;
      }
    }
  }
  const meanOpenAmount = withAmount > 0 ? openAmount / withAmount : null;
  const winRate90 = closed > 0 ? won / closed : null;
  const meanWonCycleDays90 = won > 0 ? wonCycle / won : null;
  const value =
    meanOpenAmount !== null && winRate90 !== null && meanWonCycleDays90
      ? (open * meanOpenAmount * winRate90) / meanWonCycleDays90
      : open === 0
        ? 0
        : null;
  return {
    value,
    openDeals: open,
    meanOpenAmount,
    openWithoutAmount: open - withAmount,
    winRate90,
    meanWonCycleDays90,
    closed90: closed,
    won90: won,
  };
}
