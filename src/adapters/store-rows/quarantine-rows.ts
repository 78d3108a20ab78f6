/** quarantine rows ↔ the port's QuarantinedRow: the reasons column is JSON. */
import type { QuarantinedRow } from '../../app/ports/database-reads.js';

export const quarantinedRowOf = (q: {
  syncRunId: number;
  line: number | null;
  recordId: string | null;
  reasons: string;
  raw: string;
}): QuarantinedRow => ({
  syncRunId: q.syncRunId,
  line: q.line,
  recordId: q.recordId,
  reasons: JSON.parse(q.reasons) as string[],
  raw: q.raw,
});
