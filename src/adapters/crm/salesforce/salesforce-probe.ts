/**
 * The SalesforceProbe: one login (the configured flow) and one `limits` call, within the
 * configured timeout, so `dealfit doctor` says whether a sync could run before one does.
 */
import type { Probed, SalesforceLimits, SalesforceProbe } from '../../../app/ports/setup-probes.js';
import type { SalesforceConfig } from '../../../config.js';
import { type ConnectDeps, connectSalesforce } from './connection.js';

interface LimitsResource {
  DailyApiRequests?: { Max?: number; Remaining?: number };
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createSalesforceProbe(
  config: SalesforceConfig,
  deps: ConnectDeps = {},
): SalesforceProbe {
  return {
    async check(): Promise<Probed<SalesforceLimits>> {
      try {
        const limits = await within(
          config.timeoutMs,
          (async () => {
            const conn = await connectSalesforce(config, deps);
            return (await conn.limits()) as LimitsResource;
          })(),
        );
        const daily = limits.DailyApiRequests;
        return {
          ok: true,
          value: {
            org: config.org,
            dailyApiRequests:
              daily?.Max !== undefined && daily.Remaining !== undefined
                ? { max: daily.Max, remaining: daily.Remaining }
                : null,
          },
        };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
  };
}
