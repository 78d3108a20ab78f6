/**
 * Logging in to Salesforce and building the jsforce Connection. JWT bearer (a connected app
 * with a certificate; nothing secret crosses the wire but a short-lived signed assertion)
 * is the production mode; username + password + security token is the fallback.
 *
 * The Connection gets no refresh function on purpose: jsforce would then retry a 401
 * silently and forever; the client above re-authenticates exactly once instead.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Connection, OAuth2 } from 'jsforce';
import type { SalesforceConfig } from '../../../config.js';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export class SalesforceAuthError extends Error {
  override name = 'SalesforceAuthError';
}

export interface JwtClaims {
  clientId: string;
  username: string;
  audience: string;
  privateKeyPem: string;
  /** epoch ms */
  now: number;
}

/** RS256-signed JWT: iss = consumer key, sub = username, aud = login host, exp = now + 3 min. */
export function createJwtAssertion(o: JwtClaims): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({
    iss: o.clientId,
    sub: o.username,
    aud: o.audience,
    // Salesforce accepts at most 3 minutes ahead of its clock.
    exp: Math.floor(o.now / 1000) + 170,
  })}`;
  const signature = sign('sha256', Buffer.from(input), createPrivateKey(o.privateKeyPem));
  return `${input}.${signature.toString('base64url')}`;
}

interface TokenResponse {
  access_token: string;
  instance_url: string;
}

export interface ConnectDeps {
  now?: () => number;
  readFile?: (path: string) => string;
}

/** Errors the token endpoint gives for bad credentials are final; 5xx and network are not. */
function authFailure(error: unknown, hint: string): unknown {
  const e = error as Error;
  if (/^ERROR_HTTP_5\d\d$/.test(e.name) || e.name === 'FetchError' || e.name === 'AbortError') {
    return error;
  }
  return new SalesforceAuthError(`Salesforce login failed (${e.name}: ${e.message}). ${hint}`);
}

async function requestToken(config: SalesforceConfig, deps: ConnectDeps): Promise<TokenResponse> {
  const auth = config.auth;
  const oauth2 = new OAuth2({
    loginUrl: config.loginUrl,
    ...(auth.mode === 'password'
      ? { clientId: auth.clientId, clientSecret: auth.clientSecret.reveal() }
      : {}),
  });
  if (auth.mode === 'jwt') {
    let privateKeyPem: string;
    try {
      privateKeyPem = (deps.readFile ?? ((p) => readFileSync(p, 'utf8')))(auth.privateKeyFile);
    } catch (error) {
      throw new SalesforceAuthError(
        `cannot read SALESFORCE_PRIVATE_KEY_FILE ${auth.privateKeyFile}: ${(error as Error).message}`,
      );
    }
    const assertion = createJwtAssertion({
      clientId: auth.clientId,
      username: auth.username,
      audience: auth.audience,
      privateKeyPem,
      now: (deps.now ?? Date.now)(),
    });
    try {
      return (await oauth2.requestToken({
        grant_type: JWT_BEARER_GRANT,
        assertion,
      })) as TokenResponse;
    } catch (error) {
      throw authFailure(
        error,
        'Check SALESFORCE_CLIENT_ID and SALESFORCE_USERNAME, that the connected app holds the certificate of SALESFORCE_PRIVATE_KEY_FILE, and that the user is pre-authorized (Admin approved users + profile or permission set).',
      );
    }
  }
  try {
    return (await oauth2.authenticate(
      auth.username,
      auth.password.reveal() + auth.securityToken.reveal(),
    )) as TokenResponse;
  } catch (error) {
    throw authFailure(
      error,
      'Check SALESFORCE_USERNAME, SALESFORCE_PASSWORD, SALESFORCE_SECURITY_TOKEN, SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET.',
    );
  }
}

/** Logs in and returns a Connection with the API version set explicitly. */
export async function connectSalesforce(
  config: SalesforceConfig,
  deps: ConnectDeps = {},
): Promise<Connection> {
  const token = await requestToken(config, deps);
  return new Connection({
    instanceUrl: token.instance_url,
    accessToken: token.access_token,
    version: config.apiVersion,
  });
}
