/**
 * A seeded fake Salesforce org plus everything dealfit needs to talk to it: a JWT key pair,
 * the mapping file, the SALESFORCE_* environment and the parsed config.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type SalesforceConfig } from '../../src/config.js';
import { FakeSalesforce, type FakeSalesforceOptions } from './fake-salesforce.js';
import {
  createJwtKeyPair,
  FAKE_CUSTOM_FIELDS,
  FAKE_ORG_MAPPING,
  type SeededOrg,
  seedOrg,
} from './fake-salesforce-data.js';

export interface TestOrg {
  fake: FakeSalesforce;
  org: SeededOrg;
  dir: string;
  env: Record<string, string>;
  config: SalesforceConfig;
  mappingFile: string;
  cleanup: () => Promise<void>;
}

export async function startTestOrg(
  options: {
    opportunities?: number;
    seed?: number;
    openShare?: number;
  } & FakeSalesforceOptions = {},
): Promise<TestOrg> {
  const dir = mkdtempSync(join(tmpdir(), 'dealfit-sf-'));
  const keys = createJwtKeyPair(dir);
  const fake = new FakeSalesforce({
    customFields: FAKE_CUSTOM_FIELDS,
    ...options,
    publicKeyPem: keys.publicKeyPem,
  });
  await fake.start();
  const org = seedOrg(fake, {
    opportunities: options.opportunities ?? 100,
    seed: options.seed ?? 7,
    openShare: options.openShare ?? 0.1,
  });
  const mappingFile = join(dir, 'mapping.json');
  writeFileSync(mappingFile, JSON.stringify(FAKE_ORG_MAPPING, null, 2));
  const env = {
    SALESFORCE_LOGIN_URL: fake.url,
    SALESFORCE_CLIENT_ID: fake.options.clientId,
    SALESFORCE_USERNAME: fake.options.username,
    SALESFORCE_PRIVATE_KEY_FILE: keys.privateKeyPath,
    SALESFORCE_MAPPING_FILE: mappingFile,
    SALESFORCE_ORG: 'acme-test',
  };
  const config = loadConfig(env).salesforce;
  if (!config) throw new Error('test org config did not parse');
  return {
    fake,
    org,
    dir,
    env,
    config,
    mappingFile,
    cleanup: async () => {
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
