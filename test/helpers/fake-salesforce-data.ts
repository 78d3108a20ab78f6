/**
 * Seeds a FakeSalesforce org that looks like a common customer setup: industry on Account,
 * a custom `Region__c` and `Product_Type__c` on Opportunity, owners with a custom
 * `Rep_Code__c`, and Salesforce's own stage and lead-source picklists. Deterministic
 * (seeded), so tests can assert exact counts.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeSalesforce, SfRow } from './fake-salesforce.js';

export const SF_INDUSTRIES = ['Technology', 'Finance', 'Healthcare', 'Education', 'Retail'];
export const SF_REGIONS = ['NA', 'EMEA', 'India', 'APAC'];
export const SF_PRODUCTS = ['Core', 'Pro', 'Enterprise'];
export const SF_LEAD_SOURCES = ['Web', 'Outbound', 'Partner Referral', 'Partner'];
export const SF_OPEN_STAGES = ['Qualification', 'Needs Analysis', 'Proposal/Price Quote'];

export const FAKE_CUSTOM_FIELDS = {
  Opportunity: ['Region__c', 'Product_Type__c'],
  User: ['Rep_Code__c'],
  Account: [],
};

/** The mapping file matching the seeded org (also the README example). */
export const FAKE_ORG_MAPPING = {
  fields: {
    deal_id: 'Id',
    created_date: 'CreatedDate',
    closed_date: 'CloseDate',
    sales_rep_id: 'Owner.Email',
    industry: 'Account.Industry',
    region: 'Region__c',
    product_type: 'Product_Type__c',
    lead_source: 'LeadSource',
    deal_stage: 'StageName',
    deal_amount: 'Amount',
  },
  values: {
    industry: {
      Technology: 'SaaS',
      Finance: 'FinTech',
      Healthcare: 'HealthTech',
      Education: 'EdTech',
      Retail: 'Ecommerce',
    },
    region: { NA: 'North America', EMEA: 'Europe', India: 'India', APAC: 'APAC' },
    lead_source: {
      Web: 'Inbound',
      Outbound: 'Outbound',
      'Partner Referral': 'Referral',
      Partner: 'Partner',
    },
    deal_stage: {
      Qualification: 'Qualified',
      'Needs Analysis': 'Demo',
      'Proposal/Price Quote': 'Proposal',
      'Negotiation/Review': 'Negotiation',
      'Closed Won': 'Closed',
      'Closed Lost': 'Closed',
    },
  },
  owners: Object.fromEntries(
    Array.from({ length: 25 }, (_, i) => [`rep${i + 1}@acme.example`, `rep_${i + 1}`]),
  ),
};

/** A small seeded PRNG (mulberry32): the same seed gives the same org. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedOptions {
  opportunities: number;
  reps?: number;
  seed?: number;
  /** share of open deals (0..1) */
  openShare?: number;
}

export interface SeededOrg {
  users: SfRow[];
  accounts: SfRow[];
  opportunities: SfRow[];
}

const DAY = 86_400_000;

/** Adds users, accounts and opportunities; the clock advances 1 s every 10 records. */
export function seedOrg(fake: FakeSalesforce, options: SeedOptions): SeededOrg {
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
  const users = Array.from({ length: options.reps ?? 25 }, (_, i) =>
    fake.addUser({
      Username: `rep${i + 1}@acme.example`,
      Email: `rep${i + 1}@acme.example`,
      Name: `Rep ${i + 1}`,
      Rep_Code__c: `rep_${i + 1}`,
    }),
  );
  const accountCount = Math.max(5, Math.min(2000, Math.ceil(options.opportunities / 10)));
  const accounts = Array.from({ length: accountCount }, (_, i) =>
    fake.addAccount({ Name: `Account ${i + 1}`, Industry: SF_INDUSTRIES[i % 5] ?? null }),
  );
  const start = Date.parse('2023-01-01T00:00:00Z');
  const opportunities: SfRow[] = [];
  for (let i = 0; i < options.opportunities; i++) {
    if (i % 10 === 0) fake.tick(1000);
    const created = start + Math.floor(random() * 450) * DAY + Math.floor(random() * DAY);
    const open = random() < (options.openShare ?? 0.1);
    const cycle = 7 + Math.floor(random() * 114);
    const won = random() < 0.45;
    const closeDate = new Date(created + cycle * DAY).toISOString().slice(0, 10);
    opportunities.push(
      fake.insert({
        Name: `Opportunity ${i + 1}`,
        AccountId: pick(accounts).Id,
        OwnerId: pick(users).Id,
        CreatedDate: created,
        CloseDate: closeDate,
        IsClosed: !open,
        IsWon: !open && won,
        StageName: open ? pick(SF_OPEN_STAGES) : won ? 'Closed Won' : 'Closed Lost',
        Amount: 2000 + Math.floor(random() * 98_000),
        LeadSource: pick(SF_LEAD_SOURCES),
        Region__c: pick(SF_REGIONS),
        Product_Type__c: pick(SF_PRODUCTS),
      }),
    );
  }
  return { users, accounts, opportunities };
}

/** An RSA key pair for the JWT bearer flow; the private key is written to `dir`. */
export function createJwtKeyPair(dir: string): { privateKeyPath: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPath = join(dir, 'server.key');
  writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, {
    mode: 0o600,
  });
  return {
    privateKeyPath,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}
