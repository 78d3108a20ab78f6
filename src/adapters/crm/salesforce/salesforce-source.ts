/**
 * The Salesforce CRM source (the app's CrmSource port): built from the config (mapping loaded and
 * validated up front, so a bad mapping fails before any API call), it reads Opportunity
 * batches since a watermark.
 */

import type { CrmSource } from '../../../app/ports/ingest-source.js';
import type { SalesforceConfig } from '../../../config.js';
import { connectSalesforce } from './connection.js';
import { loadMapping, type SalesforceMapping } from './mapping.js';
import { readOpportunityBatches } from './opportunity-batches.js';
import { type RetryPolicy, SalesforceClient, type SalesforceEvent } from './salesforce-client.js';

export interface SalesforceSourceDeps {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  onEvent?: (event: SalesforceEvent) => void;
  /** already-parsed mapping (tests); default: config.mappingFile */
  mapping?: SalesforceMapping;
}

export function createSalesforceSource(
  config: SalesforceConfig,
  deps: SalesforceSourceDeps = {},
): CrmSource {
  const mapping = deps.mapping ?? loadMapping(config.mappingFile);
  const client = new SalesforceClient({
    connect: () => connectSalesforce(config),
    timeoutMs: config.timeoutMs,
    usageStopPercent: config.usageStopPercent,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
  });
  return {
    target: config.org,
    read: ({ watermark }) =>
      readOpportunityBatches(client, mapping, watermark === undefined ? {} : { watermark }),
    stats: () => ({
      ...client.stats,
      ...(client.usage ? { apiUsage: `${client.usage.used}/${client.usage.limit}` } : {}),
    }),
  };
}
