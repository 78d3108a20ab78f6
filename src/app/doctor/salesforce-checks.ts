/** The Salesforce line, when it is configured: a login and one `limits` call. */
import type { SalesforceProbe } from '../ports/setup-probes.js';
import { type Check, fail, ok, warn } from './checks.js';

/** Below this share of the daily API requests left, a sync may stop early. */
const LOW_API_SHARE = 0.1;

export async function salesforceChecks(probe: SalesforceProbe): Promise<Check[]> {
  const result = await probe.check();
  if (!result.ok) {
    return [
      fail(
        'salesforce',
        'login',
        result.error,
        'check the SALESFORCE_* variables (README "Connecting Salesforce"), then `dealfit doctor` again',
      ),
    ];
  }
  const { org, dailyApiRequests: api } = result.value;
  const checks: Check[] = [ok('salesforce', 'login', `logged in to ${org}`)];
  if (api) {
    const left = `${api.remaining.toLocaleString('en-US')} of ${api.max.toLocaleString('en-US')} daily API requests left`;
    checks.push(
      api.max > 0 && api.remaining / api.max < LOW_API_SHARE
        ? warn(
            'salesforce',
            'api limit',
            `${left}: a sync stops at SALESFORCE_API_USAGE_STOP_PERCENT`,
            'wait for the daily limit to reset, or find the integration using it up',
          )
        : ok('salesforce', 'api limit', left),
    );
  }
  return checks;
}
