/**
 * A MetricEngine answering from hand-made reports, for Slack tests that must not depend on
 * the metric engine's numbers. Records what it was asked; `fail` makes the next call throw.
 */
import type { MetricEngine } from '../../src/wiring/create-app.js';
import { auditReport, rsfsReport, winRateReport } from './report-fixtures.js';

export class FixtureDealNotFound extends Error {
  override name = 'DealNotFoundError';
  constructor(
    readonly dealId: string,
    readonly similar: string[],
  ) {
    super(`deal ${dealId} not found`);
  }
}

export function fixtureEngine(): MetricEngine & { asked: string[]; fail?: Error } {
  const engine: MetricEngine & { asked: string[]; fail?: Error } = {
    asked: [],
    queryWinRate(_db, o) {
      engine.asked.push(`winrate ${o.by ?? '-'} ${o.window}`);
      if (engine.fail) throw engine.fail;
      return winRateReport({
        dimension: o.by ?? 'industry',
        segments: o.by ? 5 : 0,
        window: o.window,
      });
    },
    queryRsfs(_db, dealId) {
      engine.asked.push(`rsfs ${dealId}`);
      if (engine.fail) throw engine.fail;
      if (dealId !== 'D04521') throw new FixtureDealNotFound(dealId, ['D04521', 'D04512']);
      return rsfsReport();
    },
    queryAudit(_db, o) {
      engine.asked.push(`audit ${o.month ?? '-'}`);
      if (engine.fail) throw engine.fail;
      if (o.month === '2030-01')
        throw new RangeError('month 2030-01 is not complete as of 2024-06-30');
      return auditReport();
    },
  };
  return engine;
}
