/**
 * The Salesforce section of the configuration: SALESFORCE_* variables into a complete
 * SalesforceConfig (JWT bearer or username-password), or field-level issues.
 */
import { z } from 'zod';
import { optionalNumber, optionalText, Secret } from './env-values.js';

const salesforceEnvSchema = z.object({
  SALESFORCE_LOGIN_URL: optionalText.pipe(z.url().optional()),
  /** JWT `aud`: https://login.salesforce.com, https://test.salesforce.com or a site URL */
  SALESFORCE_AUDIENCE: optionalText.pipe(z.url().optional()),
  SALESFORCE_CLIENT_ID: optionalText,
  SALESFORCE_USERNAME: optionalText,
  SALESFORCE_PRIVATE_KEY_FILE: optionalText,
  SALESFORCE_CLIENT_SECRET: optionalText,
  SALESFORCE_PASSWORD: optionalText,
  SALESFORCE_SECURITY_TOKEN: optionalText,
  SALESFORCE_API_VERSION: optionalText.pipe(
    z
      .string()
      .regex(/^\d{2,3}\.0$/, 'an API version such as 62.0')
      .optional(),
  ),
  SALESFORCE_MAPPING_FILE: optionalText,
  SALESFORCE_ORG: optionalText,
  /** stop a sync when the org's daily API usage reaches this percentage */
  SALESFORCE_API_USAGE_STOP_PERCENT: optionalNumber(z.number().min(1).max(100)),
  SALESFORCE_TIMEOUT_MS: optionalNumber(z.number().int().min(1)),
});

export type SalesforceAuth =
  | { mode: 'jwt'; clientId: string; username: string; privateKeyFile: string; audience: string }
  | {
      mode: 'password';
      clientId: string;
      clientSecret: Secret;
      username: string;
      password: Secret;
      securityToken: Secret;
    };

export interface SalesforceConfig {
  loginUrl: string;
  auth: SalesforceAuth;
  apiVersion: string;
  mappingFile: string;
  /** the org's name in sync_runs and `status` */
  org: string;
  usageStopPercent: number;
  timeoutMs: number;
}

/** The JWT audience Salesforce expects for a login URL (sandboxes use test.salesforce.com). */
function defaultAudience(loginUrl: string): string {
  return /test\.salesforce\.com|\.sandbox\.my\.salesforce\.com/.test(loginUrl)
    ? 'https://test.salesforce.com'
    : 'https://login.salesforce.com';
}

/**
 * undefined when no SALESFORCE_* variable is set (Salesforce not used); otherwise a complete
 * config or field-level issues. JWT bearer when SALESFORCE_PRIVATE_KEY_FILE is set, else
 * username + password + security token.
 */
export function readSalesforceConfig(env: Record<string, string | undefined>): {
  config?: SalesforceConfig;
  issues: string[];
} {
  const parsed = salesforceEnvSchema.safeParse(env);
  if (!parsed.success) {
    return { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  const e = parsed.data;
  const any = Object.entries(e).some(([, v]) => v !== undefined);
  if (!any) return { issues: [] };
  const issues: string[] = [];
  const need = (name: keyof typeof e, why: string) => {
    if (e[name] === undefined) issues.push(`${name}: required ${why}`);
  };
  const jwt = e.SALESFORCE_PRIVATE_KEY_FILE !== undefined;
  need('SALESFORCE_CLIENT_ID', 'for Salesforce (the connected app consumer key)');
  need('SALESFORCE_USERNAME', 'for Salesforce (the integration user)');
  need('SALESFORCE_MAPPING_FILE', 'for Salesforce (the field mapping JSON)');
  if (!jwt) {
    need('SALESFORCE_PASSWORD', 'without SALESFORCE_PRIVATE_KEY_FILE (JWT bearer is recommended)');
    need('SALESFORCE_CLIENT_SECRET', 'for the username-password flow');
  }
  if (issues.length > 0) return { issues };
  const loginUrl = (e.SALESFORCE_LOGIN_URL ?? 'https://login.salesforce.com').replace(/\/+$/, '');
  const clientId = e.SALESFORCE_CLIENT_ID!;
  const username = e.SALESFORCE_USERNAME!;
  const auth: SalesforceAuth = jwt
    ? {
        mode: 'jwt',
        clientId,
        username,
        privateKeyFile: e.SALESFORCE_PRIVATE_KEY_FILE!,
        audience: e.SALESFORCE_AUDIENCE ?? defaultAudience(loginUrl),
      }
    : {
        mode: 'password',
        clientId,
        clientSecret: new Secret(e.SALESFORCE_CLIENT_SECRET!),
        username,
        password: new Secret(e.SALESFORCE_PASSWORD!),
        securityToken: new Secret(e.SALESFORCE_SECURITY_TOKEN ?? ''),
      };
  return {
    issues: [],
    config: {
      loginUrl,
      auth,
      apiVersion: e.SALESFORCE_API_VERSION ?? '62.0',
      mappingFile: e.SALESFORCE_MAPPING_FILE!,
      org: e.SALESFORCE_ORG ?? username,
      usageStopPercent: e.SALESFORCE_API_USAGE_STOP_PERCENT ?? 90,
      timeoutMs: e.SALESFORCE_TIMEOUT_MS ?? 60_000,
    },
  };
}
