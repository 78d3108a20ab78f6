/**
 * Import progress on stderr: a bar redrawn in place on a terminal (rows, rows/s, ETA from
 * the bytes read), plain log lines every few seconds otherwise (CI logs, pipes).
 */
import type { CommandIo } from './command.js';

export interface Progress {
  update(rows: number, bytesRead: number): void;
  /** all input read; the store still builds indexes and commits (seconds, for big files) */
  finishing(rows: number): void;
  done(): void;
}

const BAR_WIDTH = 24;
const TTY_INTERVAL_MS = 100;
const LOG_INTERVAL_MS = 5000;
const FINISHING_AFTER_MS = 2000;

export function createProgress(
  io: CommandIo,
  label: string,
  totalBytes: number,
  now: () => Date,
): Progress {
  const start = now().getTime();
  const tty = io.isTty && io.errRaw !== undefined;
  let last = start;
  let drawn = false;
  let finishingShown = false;
  return {
    update(rows, bytesRead) {
      const t = now().getTime();
      if (t - last < (tty ? TTY_INTERVAL_MS : LOG_INTERVAL_MS)) return;
      last = t;
      const seconds = (t - start) / 1000;
      const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
      const share = totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 0;
      const eta = share > 0 ? Math.max(0, seconds / share - seconds) : Number.NaN;
      const stats = `${rows.toLocaleString('en-US')} rows, ${rate.toLocaleString('en-US')} rows/s`;
      if (tty) {
        const filled = Math.round(share * BAR_WIDTH);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
        const etaText = Number.isFinite(eta) ? `, ETA ${formatSeconds(eta)}` : '';
        io.errRaw?.(
          `\r${label} ${bar} ${(share * 100).toFixed(0).padStart(3)}% ${stats}${etaText}\x1b[K`,
        );
        drawn = true;
      } else {
        io.err(`${label}: ${(share * 100).toFixed(0)}% read, ${stats}`);
      }
    },
    finishing(rows) {
      // Only long imports say it: a small file is done before anyone wonders.
      if (finishingShown || now().getTime() - start < FINISHING_AFTER_MS) return;
      finishingShown = true;
      const text = `${label}: all ${rows.toLocaleString('en-US')} rows read; finishing (indexes and commit)…`;
      if (tty) {
        io.errRaw?.(`\r${text}\x1b[K`);
        drawn = true;
      } else {
        io.err(text);
      }
    },
    done() {
      if (drawn) io.errRaw?.('\r\x1b[K');
      drawn = false;
    },
  };
}

function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
